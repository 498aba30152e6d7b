// Luna's engine: original bytes + a canonical edit list → encoded bytes, with libvips.
// No threads of its own, no files, no process state beyond libvips' init, so the same code
// runs natively and inside the wasm32-wasi module.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "immagin/edit.h"
#include "immagin/status.h"
#include "luna/engine_config.h"

namespace luna {

// Starts libvips once per process: operation cache off (every request is new work),
// untrusted loaders blocked. Safe to call more than once.
immagin::Status InitEngine(const char* argv0 = "luna");

// The libvips linked in, as it names itself ("8.18.6"): hosts show it beside their own
// version, since native Luna and the wasm module may run different ones.
const char* LibvipsVersion();

struct Rendered {
  std::string bytes;
  immagin::OutputFormat format = immagin::OutputFormat::kWebp;
  std::string content_type;  // "image/webp"
  int width = 0;
  int height = 0;  // of one frame
  int frames = 1;
};

// The originals an edit list's image layers name, by key (each checked against the same
// input limits as the original).
using Overlays = std::vector<std::pair<std::string, std::span<const uint8_t>>>;

// `output.format` must be concrete here (the request layer resolves "auto" from Accept;
// passed through, it means WebP). An image layer whose key is not in `overlays` is a 404.
immagin::Result<Rendered> Transform(std::span<const uint8_t> original,
                                    const immagin::EditList& edits,
                                    const immagin::OutputOptions& output,
                                    const EngineConfig& config, const Overlays& overlays = {});

struct ImageMetadata {
  int width = 0;
  int height = 0;      // of one frame
  std::string format;  // "jpeg", "png", "webp", "gif", "avif", "heif", "tiff", "jp2", "svg"
  std::string space;   // "srgb", "cmyk", "b-w", "rgb16", ...
  int channels = 0;
  bool has_alpha = false;
  int orientation = 1;  // EXIF 1-8
  double density = 72;  // pixels per inch
  bool is_progressive = false;
  int pages = 1;
  size_t size = 0;  // bytes of the original
};

// Reads the header only: no pixels are decoded.
immagin::Result<ImageMetadata> ReadMetadata(std::span<const uint8_t> original,
                                            const EngineConfig& config);

std::string ToJson(const ImageMetadata& metadata);

}  // namespace luna
