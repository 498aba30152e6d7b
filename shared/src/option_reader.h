// Reads the options of one JSON object with validation. The first error sticks (later
// reads return fallbacks) so a parser reads like a list of fields and checks once, at
// Finish(), which also rejects options nobody asked for.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "immagin/color.h"
#include "immagin/edit.h"
#include "immagin/json.h"
#include "immagin/status.h"

namespace immagin {

// Human-readable bounds for messages: 0.3, 1000, 16384.
std::string FormatNumber(double value);

// An integral JSON number (300 or 300.0) within [min, max].
std::optional<long long> JsonInteger(const Json& value, long long min, long long max);
// A finite JSON number within [min, max].
std::optional<double> JsonNumber(const Json& value, double min, double max);

class OptionReader {
 public:
  // `object` must be a JSON object; `path` prefixes every error ("edits[2].resize").
  OptionReader(const Json& object, std::string path);

  // An absent option yields `fallback`; without a fallback the option is required.
  int Int(std::string_view name, int min, int max, std::optional<int> fallback = std::nullopt);
  std::optional<int> OptionalInt(std::string_view name, int min, int max);
  double Number(std::string_view name, double min, double max,
                std::optional<double> fallback = std::nullopt);
  bool Bool(std::string_view name, bool fallback);
  Rgba Color(std::string_view name, Rgba fallback);
  std::optional<Rgba> OptionalColor(std::string_view name);
  // Required, 1..max_chars code points, no control characters but '\n'.
  std::string Text(std::string_view name, size_t max_chars);
  // Required: an image key under the rules of image_key.h.
  std::string ImageKey(std::string_view name);

  template <typename E, size_t N>
  E Enum(std::string_view name, const std::array<NamedValue<E>, N>& table, E fallback) {
    const Json* v = Find(name);
    if (v == nullptr) return fallback;
    if (v->is_string()) {
      for (const auto& entry : table) {
        if (entry.name == v->get_ref<const std::string&>()) return entry.value;
      }
    }
    std::string names;
    for (const auto& entry : table) {
      names += names.empty() ? "" : ", ";
      names += entry.name;
    }
    Fail(name, "must be one of " + names);
    return fallback;
  }

  // The raw value of an option, without reading it (nullptr when absent).
  const Json* Peek(std::string_view name) const {
    const auto it = object_.find(std::string(name));
    return it == object_.end() ? nullptr : &*it;
  }

  // An options object under `name`, read by `read(OptionReader&)` with the same rules
  // (errors name "path.name.field"); nullopt when absent or invalid.
  template <typename T, typename Read>
  std::optional<T> Object(std::string_view name, Read&& read) {
    const Json* v = Find(name);
    if (v == nullptr) return std::nullopt;
    if (!v->is_object()) {
      Fail(name, "must be an object");
      return std::nullopt;
    }
    OptionReader inner(*v, FieldPath(name));
    T value = read(inner);
    if (Status s = inner.Finish(); !s) {
      if (!error_) error_ = s.error();
      return std::nullopt;
    }
    return value;
  }

  // A constraint between options, e.g. lower < upper; reported like any other error.
  void Reject(std::string_view name, std::string message) { Fail(name, std::move(message)); }

  // Unknown options first (a typo also shows up as a missing required option, and the
  // typo is the useful message), then the first value error.
  Status Finish() const;

 private:
  const Json* Find(std::string_view name);
  void Fail(std::string_view name, std::string message);
  std::string FieldPath(std::string_view name) const;

  const Json& object_;
  std::string path_;
  std::vector<std::string_view> known_;
  std::optional<Error> error_;
};

}  // namespace immagin
