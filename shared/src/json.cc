#include "immagin/json.h"

#include <limits>
#include <set>
#include <vector>

namespace immagin {

namespace {

// A first pass that builds nothing and only looks for what nlohmann accepts but we refuse.
// (Its parse callback could do this in the same pass, but after every object or array it
// scans the enclosing array for discarded values: quadratic in a batch of 10,000 events.)
class Checker : public nlohmann::json_sax<Json> {
 public:
  explicit Checker(int max_depth) : max_depth_(max_depth) {}

  const std::string& problem() const { return problem_; }

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    open_objects_.emplace_back();
    return Open();
  }
  bool key(string_t& key) override {
    if (open_objects_.back().insert(key).second) return true;
    problem_ = "duplicate key \"" + key + "\"";
    return false;
  }
  bool end_object() override {
    open_objects_.pop_back();
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override { return Open(); }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  bool Open() {
    if (depth_++ < max_depth_) return true;
    problem_ = "nested deeper than " + std::to_string(max_depth_) + " levels";
    return false;
  }

  int max_depth_;
  int depth_ = 0;
  std::vector<std::set<std::string>> open_objects_;
  std::string problem_;
};

}  // namespace

Result<Json> ParseJson(std::string_view text, std::string_view field, int max_depth) {
  Checker checker(max_depth);
  const bool valid = Json::sax_parse(text.begin(), text.end(), &checker);
  if (!checker.problem().empty()) {
    return InvalidArgument(std::string(field), "invalid JSON: " + checker.problem());
  }
  if (!valid) return InvalidArgument(std::string(field), "invalid JSON");
  Json value = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return InvalidArgument(std::string(field), "invalid JSON");
  return value;
}

std::optional<int64_t> JsonInt64(const Json& value) {
  if (value.is_number_unsigned()) {
    const auto unsigned_value = value.get<uint64_t>();
    if (unsigned_value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<int64_t>(unsigned_value);
  }
  if (value.is_number_integer()) return value.get<int64_t>();
  return std::nullopt;
}

std::string DumpJson(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace immagin
