#include "immagin/image_key.h"

#include <string>

#include "immagin/utf8.h"

namespace immagin {

namespace {

// The rules keys and prefixes share; `allow_trailing_slash` lets the last segment be empty.
Status ValidateKeyText(std::string_view key, const std::string& f, bool allow_trailing_slash) {
  if (key.size() > kMaxImageKeyBytes) {
    return InvalidArgument(f, "must be at most " + std::to_string(kMaxImageKeyBytes) + " bytes");
  }
  if (!Utf8Length(key)) return InvalidArgument(f, "must be valid UTF-8");
  const bool clean = ForEachCodePoint(
      key, [](char32_t cp) { return !(cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == '\\'); });
  if (!clean) return InvalidArgument(f, "must not contain control characters or backslashes");
  if (key.front() == '/') return InvalidArgument(f, "must not start with '/'");
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find('/', start);
    if (end == std::string_view::npos) end = key.size();
    const std::string_view segment = key.substr(start, end - start);
    const bool last = end == key.size();
    if (segment.empty() && !(last && allow_trailing_slash && start > 0)) {
      return InvalidArgument(f, "must not contain empty path segments");
    }
    if (segment == "." || segment == "..") {
      return InvalidArgument(f, "must not contain '.' or '..' path segments");
    }
    start = end + 1;
  }
  return {};
}

}  // namespace

Status ValidateImageKey(std::string_view key, std::string_view field) {
  const std::string f(field);
  if (key.empty()) return InvalidArgument(f, "must not be empty");
  return ValidateKeyText(key, f, /*allow_trailing_slash=*/false);
}

Status ValidateImageKeyPrefix(std::string_view prefix, std::string_view field) {
  if (prefix.empty()) return {};
  return ValidateKeyText(prefix, std::string(field), /*allow_trailing_slash=*/true);
}

}  // namespace immagin
