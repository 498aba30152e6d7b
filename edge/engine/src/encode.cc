#include "encode.h"

#include "placeholder.h"

namespace luna {

using immagin::OutputFormat;

namespace {

// HEVC-coded HEIF needs an HEVC encoder (x265), which needs threads: the native libheif has
// one, the wasm module's does not. Probed once with a 16×16 image.
bool CanEncodeHevc() {
  static const bool can = [] {
    VipsImage* probe = nullptr;
    if (vips_black(&probe, 16, 16, "bands", 3, nullptr) != 0) return false;
    void* buffer = nullptr;
    size_t length = 0;
    const bool ok = vips_heifsave_buffer(probe, &buffer, &length, "compression",
                                         VIPS_FOREIGN_HEIF_COMPRESSION_HEVC, nullptr) == 0;
    g_free(buffer);
    g_object_unref(probe);
    vips_error_clear();
    return ok;
  }();
  return can;
}

}  // namespace

bool CanAnimate(OutputFormat format) {
  return format == OutputFormat::kWebp || format == OutputFormat::kGif;
}

std::string ContentType(OutputFormat format) {
  switch (format) {
    case OutputFormat::kJpeg: return "image/jpeg";
    case OutputFormat::kPng: return "image/png";
    case OutputFormat::kAvif: return "image/avif";
    case OutputFormat::kGif: return "image/gif";
    case OutputFormat::kJp2: return "image/jp2";
    case OutputFormat::kTiff: return "image/tiff";
    case OutputFormat::kHeif: return "image/heif";
    case OutputFormat::kThumbhash: return "application/json";
    case OutputFormat::kWebp:
    case OutputFormat::kAuto: return "image/webp";
  }
  return "application/octet-stream";
}

immagin::Result<std::string> Encode(const Image& image, const immagin::OutputOptions& output,
                                    const EngineConfig& config) {
  Image ready = image;
  if (output.format == OutputFormat::kJpeg && image.has_alpha()) {
    VipsArrayDouble* white = Background(immagin::kWhite, image.bands() - 1);
    VipsImage* flat = nullptr;
    const int status = vips_flatten(image.get(), &flat, "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    auto flattened = Wrap(status, flat, "flattening for JPEG");
    if (!flattened) return flattened.error();
    ready = *flattened;
  }

  const bool hevc =
      output.format == OutputFormat::kHeif && output.compression == immagin::HeifCompression::kHevc;
  if (hevc && !CanEncodeHevc()) {
    return immagin::Error{immagin::ErrorCode::kUnsupported, "output.compression",
                          "HEVC-coded heif output is not available on this edge, which has no "
                          "HEVC encoder; compression \"av1\" (the default) is"};
  }

  void* buffer = nullptr;
  size_t length = 0;
  int status = 0;
  const int q = output.quality;
  VipsImage* in = ready.get();
  switch (output.format) {
    case OutputFormat::kJpeg:
      status = vips_jpegsave_buffer(in, &buffer, &length, "Q", q, "interlace", output.progressive,
                                    "strip", TRUE, "optimize_coding", TRUE, nullptr);
      break;
    case OutputFormat::kPng:
      status = vips_pngsave_buffer(in, &buffer, &length, "interlace", output.progressive,
                                   "compression", 6, "strip", TRUE, nullptr);
      break;
    case OutputFormat::kAvif:
    case OutputFormat::kHeif:
      status = vips_heifsave_buffer(
          in, &buffer, &length, "Q", q, "lossless", output.lossless, "compression",
          hevc ? VIPS_FOREIGN_HEIF_COMPRESSION_HEVC : VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "effort",
          config.avif_effort, "strip", TRUE, nullptr);
      break;
    case OutputFormat::kGif:
      status = vips_gifsave_buffer(in, &buffer, &length, "strip", TRUE, nullptr);
      break;
    case OutputFormat::kJp2:
      status = vips_jp2ksave_buffer(in, &buffer, &length, "Q", q, "lossless", output.lossless,
                                    "strip", TRUE, nullptr);
      break;
    case OutputFormat::kTiff:
      // Deflate keeps alpha and every pixel; TIFF's JPEG mode could not carry alpha.
      status = vips_tiffsave_buffer(in, &buffer, &length, "compression",
                                    VIPS_FOREIGN_TIFF_COMPRESSION_DEFLATE, "strip", TRUE, nullptr);
      break;
    case OutputFormat::kThumbhash: return ThumbHashJson(ready);
    case OutputFormat::kWebp:
    case OutputFormat::kAuto:
      status = vips_webpsave_buffer(in, &buffer, &length, "Q", q, "lossless", output.lossless,
                                    "strip", TRUE, nullptr);
      break;
  }
  if (status != 0) {
    if (buffer != nullptr) g_free(buffer);
    // libvips decodes lazily, so a corrupt original fails here, while writing: the input's
    // fault, not the server's.
    return VipsError(immagin::ErrorCode::kUnprocessable,
                     "the image could not be processed into " + ContentType(output.format));
  }
  std::string bytes(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return bytes;
}

}  // namespace luna
