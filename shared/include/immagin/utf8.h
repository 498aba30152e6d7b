#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace immagin {

// Number of code points when `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF); nullopt otherwise.
std::optional<size_t> Utf8Length(std::string_view text);

// Calls `fn(code_point)` for each code point of text already known to be valid UTF-8;
// stops early and returns false when fn returns false.
template <typename Fn>
bool ForEachCodePoint(std::string_view text, Fn&& fn) {
  size_t i = 0;
  while (i < text.size()) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    char32_t cp = 0;
    size_t n = 1;
    if (b0 < 0x80) {
      cp = b0;
    } else if (b0 < 0xe0) {
      cp = b0 & 0x1f;
      n = 2;
    } else if (b0 < 0xf0) {
      cp = b0 & 0x0f;
      n = 3;
    } else {
      cp = b0 & 0x07;
      n = 4;
    }
    for (size_t k = 1; k < n && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
    }
    if (!fn(cp)) return false;
    i += n;
  }
  return true;
}

}  // namespace immagin
