#include "placeholder.h"

#include <algorithm>

#include "immagin/base64url.h"
#include "immagin/json.h"
#include "thumbhash.h"

namespace luna {
namespace {

// The pixels a PNG of the same variant would hold, at most kThumbHashMaxSide per side.
immagin::Result<Image> SmallRgba(const Image& image) {
  Image current = image;
  const int longest = std::max(image.width(), image.height());
  if (longest > kThumbHashMaxSide) {
    const double scale = static_cast<double>(kThumbHashMaxSide) / longest;
    VipsImage* out = nullptr;
    auto small = Wrap(vips_resize(current.get(), &out, scale, nullptr), out, "scaling for a hash");
    if (!small) return small;
    current = *small;
  }
  if (vips_image_get_interpretation(current.get()) != VIPS_INTERPRETATION_sRGB ||
      vips_image_get_format(current.get()) != VIPS_FORMAT_UCHAR) {
    VipsImage* out = nullptr;
    auto srgb = Wrap(vips_colourspace(current.get(), &out, VIPS_INTERPRETATION_sRGB, nullptr), out,
                     "converting for a hash");
    if (!srgb) return srgb;
    current = *srgb;
    VipsImage* cast = nullptr;
    auto bytes =
        Wrap(vips_cast_uchar(current.get(), &cast, nullptr), cast, "converting for a hash");
    if (!bytes) return bytes;
    current = *bytes;
  }
  if (current.bands() == 3) {
    VipsImage* out = nullptr;
    auto opaque =
        Wrap(vips_bandjoin_const1(current.get(), &out, 255, nullptr), out, "converting for a hash");
    if (!opaque) return opaque;
    current = *opaque;
  }
  return current;
}

}  // namespace

immagin::Result<std::string> ThumbHashJson(const Image& image) {
  auto small = SmallRgba(image);
  if (!small) return small.error();
  if (small->bands() != 4) {
    return immagin::Error{immagin::ErrorCode::kInternal, "", "a hash needs RGBA pixels"};
  }
  size_t size = 0;
  void* memory = vips_image_write_to_memory(small->get(), &size);
  if (memory == nullptr) return VipsError(immagin::ErrorCode::kUnprocessable, "reading pixels");
  const std::vector<uint8_t> hash = ThumbHashFromRgba(
      small->width(), small->height(), std::span(static_cast<const uint8_t*>(memory), size));
  g_free(memory);

  // The data URL shows what the hash decodes to, so a page can use it without a decoder.
  ThumbHashImage preview = ThumbHashToRgba(hash);
  VipsImage* wrapped =
      vips_image_new_from_memory(preview.rgba.data(), preview.rgba.size(), preview.width,
                                 preview.height, 4, VIPS_FORMAT_UCHAR);
  if (wrapped == nullptr) return VipsError(immagin::ErrorCode::kInternal, "drawing a hash");
  const Image placeholder(wrapped);
  void* png = nullptr;
  size_t png_size = 0;
  if (vips_pngsave_buffer(placeholder.get(), &png, &png_size, "strip", TRUE, nullptr) != 0) {
    return VipsError(immagin::ErrorCode::kInternal, "encoding a placeholder");
  }
  const std::string data_url =
      "data:image/png;base64," +
      immagin::Base64Encode(std::span(static_cast<const uint8_t*>(png), png_size));
  g_free(png);
  const immagin::Json body = {{"thumbhash", immagin::Base64Encode(hash)},
                              {"width", image.width()},
                              {"height", image.height()},
                              {"dataUrl", data_url}};
  return immagin::DumpJson(body);
}

}  // namespace luna
