// CSS colours as accepted in edit options (`background`, `color`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "immagin/status.h"

namespace immagin {

struct Rgba {
  uint8_t r = 0;
  uint8_t g = 0;
  uint8_t b = 0;
  uint8_t a = 255;

  friend bool operator==(const Rgba&, const Rgba&) = default;
};

// Accepts `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()` (comma or space
// separated, channels 0-255 or percentages, alpha 0-1 or a percentage) and the CSS named
// colours including `transparent`; case-insensitive, surrounding spaces ignored.
Result<Rgba> ParseCssColor(std::string_view text, std::string_view field);

// Canonical spelling: lowercase `#rrggbbaa`.
std::string ToHex(Rgba color);

}  // namespace immagin
