// Metadata mode: everything comes from the header; no pixel is decoded.
#include <cmath>

#include "decode.h"
#include "immagin/json.h"
#include "luna/engine.h"

namespace luna {

immagin::Result<ImageMetadata> ReadMetadata(std::span<const uint8_t> original,
                                            const EngineConfig& config) {
  auto header = OpenHeader(original, config);
  if (!header) return header.error();
  const Image& image = header->image;
  ImageMetadata m;
  m.format = header->format;
  if (m.format == "heif") {
    // libheif reads both; the compression field says which one this is.
    const char* compression = nullptr;
    if (vips_image_get_typeof(image.get(), "heif-compression") != 0 &&
        vips_image_get_string(image.get(), "heif-compression", &compression) == 0 &&
        std::string_view(compression) == "av1") {
      m.format = "avif";
    }
  }
  m.pages = image.pages();
  m.width = image.width();
  m.height = m.pages > 1 ? image.page_height() : image.height();
  m.space = vips_enum_nick(VIPS_TYPE_INTERPRETATION, vips_image_guess_interpretation(image.get()));
  m.channels = image.bands();
  m.has_alpha = image.has_alpha();
  m.orientation = std::clamp(vips_image_get_orientation(image.get()), 1, 8);
  // libvips keeps resolution in pixels per millimetre, and 1.0 when the file has none:
  // report the conventional 72 dpi then.
  const double xres = vips_image_get_xres(image.get());
  m.density = xres == 1.0 ? 72.0 : std::round(xres * 25.4 * 100) / 100;
  int interlaced = 0;
  if (vips_image_get_typeof(image.get(), "interlaced") != 0 &&
      vips_image_get_int(image.get(), "interlaced", &interlaced) == 0) {
    m.is_progressive = interlaced != 0;
  }
  m.size = original.size();
  vips_error_clear();
  return m;
}

std::string ToJson(const ImageMetadata& m) {
  const immagin::Json json = {{"width", m.width},
                              {"height", m.height},
                              {"format", m.format},
                              {"space", m.space},
                              {"channels", m.channels},
                              {"hasAlpha", m.has_alpha},
                              {"orientation", m.orientation},
                              {"density", m.density},
                              {"isProgressive", m.is_progressive},
                              {"pages", m.pages},
                              {"size", m.size}};
  return immagin::DumpJson(json);
}

}  // namespace luna
