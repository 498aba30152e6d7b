#include "colour_normalise.h"

#include <string_view>

namespace luna {

immagin::Result<Image> ToWorkingSpace(const Image& image) {
  Image current = image;
  const VipsInterpretation interpretation = vips_image_guess_interpretation(image.get());
  const bool grey =
      interpretation == VIPS_INTERPRETATION_B_W || interpretation == VIPS_INTERPRETATION_GREY16;
  if (!grey && vips_image_get_typeof(image.get(), VIPS_META_ICC_NAME) != 0) {
    VipsImage* out = nullptr;
    if (vips_icc_transform(image.get(), &out, "srgb", "embedded", TRUE, "intent",
                           VIPS_INTENT_PERCEPTUAL, "depth", 8, nullptr) == 0) {
      current = Image(out);
    } else {
      vips_error_clear();  // a broken profile: fall back to the plain conversion below
    }
  }
  const VipsInterpretation target = grey ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB;
  if (vips_image_guess_interpretation(current.get()) != target ||
      vips_image_get_format(current.get()) != VIPS_FORMAT_UCHAR) {
    VipsImage* out = nullptr;
    auto converted =
        Wrap(vips_colourspace(current.get(), &out, target, nullptr), out, "converting to sRGB");
    if (!converted) return converted;
    current = *converted;
  }
  if (vips_image_get_format(current.get()) != VIPS_FORMAT_UCHAR) {
    VipsImage* out = nullptr;
    auto cast = Wrap(vips_cast_uchar(current.get(), &out, nullptr), out, "casting to 8 bits");
    if (!cast) return cast;
    current = *cast;
  }
  return current;
}

immagin::Result<Image> WithoutMetadata(const Image& image) {
  VipsImage* out = nullptr;
  auto copy = Wrap(vips_copy(image.get(), &out, nullptr), out, "copying");
  if (!copy) return copy;
  // Savers rebuild EXIF from any parsed "exif-ifd*" field, the resolution and even a JPEG
  // thumbnail field, so everything goes but what animation needs.
  gchar** fields = vips_image_get_fields(copy->get());
  for (gchar** field = fields; *field != nullptr; ++field) {
    const std::string_view name(*field);
    if (name != VIPS_META_PAGE_HEIGHT && name != "delay" && name != "loop" && name != "gif-delay" &&
        name != "gif-loop") {
      vips_image_remove(copy->get(), *field);  // built-in header fields stay, by design
    }
  }
  g_strfreev(fields);
  return copy;
}

}  // namespace luna
