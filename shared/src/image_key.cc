#include "immagin/image_key.h"

#include <string>

#include "immagin/utf8.h"

namespace immagin {

Status ValidateImageKey(std::string_view key, std::string_view field) {
  const std::string f(field);
  if (key.empty()) return InvalidArgument(f, "must not be empty");
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
    if (segment.empty()) return InvalidArgument(f, "must not contain empty path segments");
    if (segment == "." || segment == "..") {
      return InvalidArgument(f, "must not contain '.' or '..' path segments");
    }
    start = end + 1;
  }
  return {};
}

}  // namespace immagin
