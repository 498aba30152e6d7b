// Original bytes → a libvips image, after the cheap checks: size, format, and the pixel
// count from the header (a decompression bomb is refused before any pixel is decoded).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "image.h"
#include "luna/engine_config.h"

namespace luna {

struct DecodeOptions {
  bool all_frames = false;  // animated GIF/WebP kept whole when the output can animate
  bool sequential = false;  // top-to-bottom access only: less memory, faster
  int shrink = 1;           // shrink-on-load factor (1, 2, 4, 8) for JPEG and WebP
};

struct Decoded {
  Image image;
  std::string format;  // "jpeg", "png", "webp", "gif", "heif", "tiff", "jp2", "svg"
};

// Header only: format, size and limits checked, nothing decoded.
immagin::Result<Decoded> OpenHeader(std::span<const uint8_t> bytes, const EngineConfig& config);

immagin::Result<Decoded> Decode(std::span<const uint8_t> bytes, const DecodeOptions& options,
                                const EngineConfig& config);

}  // namespace luna
