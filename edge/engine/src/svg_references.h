// SVG originals may only draw vectors. librsvg decodes any raster an SVG embeds (`<image>`
// with a data: URL, `<feImage>`) at that raster's own size, which the pixel limit never
// sees: 65 KB of SVG held a 20000×20000 PNG and took 2.7 GB. Rather than bound librsvg from
// outside, refuse every SVG that embeds or references anything but its own elements.
#pragma once

#include <cstdint>
#include <span>

#include "immagin/status.h"

namespace luna {

// Refused (422): <image>, <feImage>, XInclude, entity declarations (they could assemble
// markup), any href or url() that is not a same-document "#id", any data: URL, and gzipped
// SVG (whose bytes could not be read here).
immagin::Status RefuseSvgReferences(std::span<const uint8_t> svg);

}  // namespace luna
