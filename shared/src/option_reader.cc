#include "option_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "immagin/image_key.h"
#include "immagin/utf8.h"

namespace immagin {

std::string FormatNumber(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", value);
  return buf;
}

std::optional<long long> JsonInteger(const Json& value, long long min, long long max) {
  long long n = 0;
  if (value.is_number_unsigned()) {
    const auto u = value.get<Json::number_unsigned_t>();
    if (u > static_cast<Json::number_unsigned_t>(max)) return std::nullopt;
    n = static_cast<long long>(u);
  } else if (value.is_number_integer()) {
    n = value.get<Json::number_integer_t>();
  } else if (value.is_number_float()) {
    const double d = value.get<double>();
    if (!std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(min) ||
        d > static_cast<double>(max)) {
      return std::nullopt;
    }
    n = static_cast<long long>(d);
  } else {
    return std::nullopt;
  }
  if (n < min || n > max) return std::nullopt;
  return n;
}

std::optional<double> JsonNumber(const Json& value, double min, double max) {
  if (!value.is_number()) return std::nullopt;
  const double d = value.get<double>();
  if (!std::isfinite(d) || d < min || d > max) return std::nullopt;
  return d;
}

OptionReader::OptionReader(const Json& object, std::string path)
    : object_(object), path_(std::move(path)) {}

std::string OptionReader::FieldPath(std::string_view name) const {
  return path_ + "." + std::string(name);
}

const Json* OptionReader::Find(std::string_view name) {
  known_.push_back(name);
  if (error_) return nullptr;
  const auto it = object_.find(std::string(name));
  if (it == object_.end()) return nullptr;
  return &*it;
}

void OptionReader::Fail(std::string_view name, std::string message) {
  if (!error_) error_ = InvalidArgument(FieldPath(name), std::move(message));
}

int OptionReader::Int(std::string_view name, int min, int max, std::optional<int> fallback) {
  const Json* v = Find(name);
  if (v == nullptr) {
    if (!fallback && !error_) Fail(name, "is required");
    return fallback.value_or(min);
  }
  if (auto n = JsonInteger(*v, min, max)) return static_cast<int>(*n);
  Fail(name, "must be an integer between " + std::to_string(min) + " and " + std::to_string(max));
  return fallback.value_or(min);
}

std::optional<int> OptionReader::OptionalInt(std::string_view name, int min, int max) {
  const Json* v = Find(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (auto n = JsonInteger(*v, min, max)) return static_cast<int>(*n);
  Fail(name, "must be an integer between " + std::to_string(min) + " and " + std::to_string(max));
  return std::nullopt;
}

double OptionReader::Number(std::string_view name, double min, double max,
                            std::optional<double> fallback) {
  const Json* v = Find(name);
  if (v == nullptr) {
    if (!fallback && !error_) Fail(name, "is required");
    return fallback.value_or(min);
  }
  if (auto d = JsonNumber(*v, min, max)) return *d;
  Fail(name, "must be a number between " + FormatNumber(min) + " and " + FormatNumber(max));
  return fallback.value_or(min);
}

bool OptionReader::Bool(std::string_view name, bool fallback) {
  const Json* v = Find(name);
  if (v == nullptr) return fallback;
  if (v->is_boolean()) return v->get<bool>();
  Fail(name, "must be true or false");
  return fallback;
}

Rgba OptionReader::Color(std::string_view name, Rgba fallback) {
  return OptionalColor(name).value_or(fallback);
}

std::optional<Rgba> OptionReader::OptionalColor(std::string_view name) {
  const Json* v = Find(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    Fail(name, "must be a CSS colour string such as \"#ff0000\" or \"white\"");
    return std::nullopt;
  }
  auto color = ParseCssColor(v->get_ref<const std::string&>(), FieldPath(name));
  if (!color) {
    if (!error_) error_ = color.error();
    return std::nullopt;
  }
  return *color;
}

std::string OptionReader::Text(std::string_view name, size_t max_chars) {
  const Json* v = Find(name);
  if (v == nullptr) {
    if (!error_) Fail(name, "is required");
    return {};
  }
  const std::string message =
      "must be a string of 1 to " + std::to_string(max_chars) + " characters";
  if (!v->is_string()) {
    Fail(name, message);
    return {};
  }
  const auto& s = v->get_ref<const std::string&>();
  const auto length = Utf8Length(s);
  if (!length || *length == 0 || *length > max_chars) {
    Fail(name, message);
    return {};
  }
  const bool clean =
      ForEachCodePoint(s, [](char32_t cp) { return cp == '\n' || !(cp < 0x20 || cp == 0x7f); });
  if (!clean) {
    Fail(name, "must not contain control characters other than newline");
    return {};
  }
  return s;
}

std::string OptionReader::ImageKey(std::string_view name) {
  const Json* v = Find(name);
  if (v == nullptr || !v->is_string()) {
    if (!error_) Fail(name, v == nullptr ? "is required" : "must be an image key string");
    return {};
  }
  const auto& key = v->get_ref<const std::string&>();
  if (Status s = ValidateImageKey(key, FieldPath(name)); !s) {
    if (!error_) error_ = s.error();
    return {};
  }
  return key;
}

Status OptionReader::Finish() const {
  for (const auto& [key, value] : object_.items()) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
      std::string expected;
      for (const auto k : known_) {
        expected += expected.empty() ? "" : ", ";
        expected += k;
      }
      return InvalidArgument(FieldPath(key), "unknown option (expected one of " + expected + ")");
    }
  }
  if (error_) return *error_;
  return {};
}

}  // namespace immagin
