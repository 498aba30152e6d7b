#include "immagin/json.h"

#include <set>
#include <vector>

namespace immagin {

Result<Json> ParseJson(std::string_view text, std::string_view field, int max_depth) {
  std::vector<std::set<std::string>> open_objects;
  std::string problem;
  const auto callback = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (!problem.empty()) return false;
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        if (depth >= max_depth) {
          problem = "nested deeper than " + std::to_string(max_depth) + " levels";
          return false;
        }
        if (event == Json::parse_event_t::object_start) open_objects.emplace_back();
        return true;
      case Json::parse_event_t::object_end:
        if (!open_objects.empty()) open_objects.pop_back();
        return true;
      case Json::parse_event_t::key:
        if (!open_objects.empty() && parsed.is_string() &&
            !open_objects.back().insert(parsed.get_ref<const std::string&>()).second) {
          problem = "duplicate key \"" + parsed.get_ref<const std::string&>() + "\"";
          return false;
        }
        return true;
      default: return true;
    }
  };
  Json value = Json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/false);
  if (!problem.empty()) return InvalidArgument(std::string(field), "invalid JSON: " + problem);
  if (value.is_discarded()) return InvalidArgument(std::string(field), "invalid JSON");
  return value;
}

std::string DumpJson(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace immagin
