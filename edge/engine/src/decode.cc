#include "decode.h"

#include "svg_references.h"

#include <array>
#include <string_view>

namespace luna {
namespace {

using immagin::Error;
using immagin::ErrorCode;

struct Loader {
  std::string_view nickname;  // the libvips loader class name
  std::string_view format;
  bool animated;  // understands `n` (frames)
};

// Only these loaders run; everything else (PDF, ImageMagick, raw formats, ...) is refused,
// which also keeps libvips' "untrusted" loaders away from hostile input.
constexpr std::array<Loader, 9> kLoaders = {{
    {"VipsForeignLoadJpegBuffer", "jpeg", false},
    {"VipsForeignLoadPngBuffer", "png", false},
    {"VipsForeignLoadWebpBuffer", "webp", true},
    {"VipsForeignLoadNsgifBuffer", "gif", true},
    {"VipsForeignLoadHeifBuffer", "heif", true},
    {"VipsForeignLoadTiffBuffer", "tiff", false},
    {"VipsForeignLoadJp2kBuffer", "jp2", false},
    {"VipsForeignLoadSvgBuffer", "svg", false},
    {"VipsForeignLoadSpngBuffer", "png", false},
}};

immagin::Result<const Loader*> FindLoader(std::span<const uint8_t> bytes) {
  const char* name = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  vips_error_clear();
  if (name != nullptr) {
    for (const Loader& loader : kLoaders) {
      if (loader.nickname == name) return &loader;
    }
  }
  return Error{ErrorCode::kUnsupported, "",
               "the original is not an image in a supported format (JPEG, PNG, WebP, GIF, "
               "AVIF/HEIF, TIFF, JPEG 2000, SVG)"};
}

immagin::Status CheckPixels(const Image& image, const std::string& format,
                            const EngineConfig& config) {
  const uint64_t pixels = static_cast<uint64_t>(image.width()) * image.height();
  if (pixels > config.max_input_pixels) {
    return Error{ErrorCode::kUnprocessable, "",
                 "the original is " + std::to_string(image.width()) + "x" +
                     std::to_string(image.height()) + " " + format + " (" +
                     std::to_string(pixels / 1'000'000) + " Mpx in all frames); the limit is " +
                     std::to_string(config.max_input_pixels / 1'000'000) + " Mpx"};
  }
  if (image.pages() > config.max_frames) {
    return Error{ErrorCode::kUnprocessable, "",
                 "the original has " + std::to_string(image.pages()) + " frames; the limit is " +
                     std::to_string(config.max_frames)};
  }
  return {};
}

immagin::Result<Decoded> Load(std::span<const uint8_t> bytes, const Loader& loader,
                              const DecodeOptions& options) {
  VipsImage* image = nullptr;
  const VipsAccess access = options.sequential ? VIPS_ACCESS_SEQUENTIAL : VIPS_ACCESS_RANDOM;
  // fail_on error: a truncated or corrupt file is an error, not a grey-filled picture.
  if (loader.format == "jpeg") {
    image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", access, "fail_on",
                                       VIPS_FAIL_ON_ERROR, "shrink", options.shrink, nullptr);
  } else if (loader.format == "webp") {
    image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", access, "fail_on",
                                       VIPS_FAIL_ON_ERROR, "n", options.all_frames ? -1 : 1,
                                       "scale", 1.0 / options.shrink, nullptr);
  } else if (loader.animated) {
    image =
        vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", access, "fail_on",
                                   VIPS_FAIL_ON_ERROR, "n", options.all_frames ? -1 : 1, nullptr);
  } else {
    image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", access, "fail_on",
                                       VIPS_FAIL_ON_ERROR, nullptr);
  }
  if (image == nullptr) {
    return VipsError(ErrorCode::kUnprocessable,
                     "the original could not be decoded as " + std::string(loader.format));
  }
  return Decoded{Image(image), std::string(loader.format)};
}

}  // namespace

immagin::Result<Decoded> OpenHeader(std::span<const uint8_t> bytes, const EngineConfig& config) {
  if (bytes.empty()) return Error{ErrorCode::kUnsupported, "", "the original is empty (0 bytes)"};
  if (bytes.size() > config.max_input_bytes) {
    return Error{ErrorCode::kPayloadTooLarge, "",
                 "the original is " + std::to_string(bytes.size()) + " bytes; the limit is " +
                     std::to_string(config.max_input_bytes)};
  }
  auto loader = FindLoader(bytes);
  if (!loader) return loader.error();
  if ((*loader)->format == "svg") {
    if (immagin::Status s = RefuseSvgReferences(bytes); !s) return s.error();
  }
  // Count every frame against the pixel limit.
  auto header = Load(bytes, **loader, DecodeOptions{.all_frames = (*loader)->animated});
  if (!header) return header;
  if (immagin::Status s = CheckPixels(header->image, header->format, config); !s) {
    return s.error();
  }
  return header;
}

immagin::Result<Decoded> Decode(std::span<const uint8_t> bytes, const DecodeOptions& options,
                                const EngineConfig& config) {
  auto header = OpenHeader(bytes, config);
  if (!header) return header;
  auto loader = FindLoader(bytes);
  return Load(bytes, **loader, options);
}

}  // namespace luna
