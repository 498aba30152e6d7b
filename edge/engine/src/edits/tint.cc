// tint: the image's grey levels coloured with the tint's chroma, strongest in the
// mid-tones and fading to pure black and white at the ends (sharp's definition): in LAB,
// a,b = w(L) × tint a,b with w = 1 - 4 (L/100 - 1/2)². Computed once as a 256-entry table
// from grey level to sRGB and applied with a lookup.
#include <array>
#include <cmath>

#include "edit_steps.h"

namespace luna {
namespace {

// Grey level (0-255, sRGB) → tinted sRGB.
std::array<unsigned char, size_t{256} * 3> TintTable(const immagin::TintEdit& edit) {
  float tr = 0, tg = 0, tb = 0, x = 0, y = 0, z = 0, tl = 0, ta = 0, tbb = 0;
  vips_col_sRGB2scRGB_8(edit.r, edit.g, edit.b, &tr, &tg, &tb);
  vips_col_scRGB2XYZ(tr, tg, tb, &x, &y, &z);
  vips_col_XYZ2Lab(x, y, z, &tl, &ta, &tbb);

  std::array<unsigned char, size_t{256} * 3> table{};
  for (int v = 0; v < 256; ++v) {
    float r = 0, g = 0, b = 0, l = 0, a = 0, bb = 0;
    vips_col_sRGB2scRGB_8(v, v, v, &r, &g, &b);
    vips_col_scRGB2XYZ(r, g, b, &x, &y, &z);
    vips_col_XYZ2Lab(x, y, z, &l, &a, &bb);
    const float t = l / 100.0f - 0.5f;
    const float weight = 1.0f - 4.0f * t * t;
    vips_col_Lab2XYZ(l, weight * ta, weight * tbb, &x, &y, &z);
    vips_col_XYZ2scRGB(x, y, z, &r, &g, &b);
    int r8 = 0, g8 = 0, b8 = 0, og = 0;
    vips_col_scRGB2sRGB_8(r, g, b, &r8, &g8, &b8, &og);
    const auto at = static_cast<size_t>(v) * 3;
    table[at] = static_cast<unsigned char>(r8);
    table[at + 1] = static_cast<unsigned char>(g8);
    table[at + 2] = static_cast<unsigned char>(b8);
  }
  return table;
}

}  // namespace

Result<Image> Apply(const Image& frame, const immagin::TintEdit& edit, const StepContext&) {
  const auto table = TintTable(edit);
  return OnColourBands(frame, [&](const Image& colour) -> Result<Image> {
    Image lut(
        vips_image_new_from_memory_copy(table.data(), table.size(), 256, 1, 3, VIPS_FORMAT_UCHAR));
    if (!lut) return VipsError(immagin::ErrorCode::kInternal, "tinting");
    VipsImage* grey = nullptr;
    auto grey_image = Wrap(vips_colourspace(colour.get(), &grey, VIPS_INTERPRETATION_B_W, nullptr),
                           grey, "tinting");
    if (!grey_image) return grey_image;
    VipsImage* mapped = nullptr;
    auto tinted =
        Wrap(vips_maplut(grey_image->get(), &mapped, lut.get(), nullptr), mapped, "tinting");
    if (!tinted) return tinted;
    tinted->get()->Type = VIPS_INTERPRETATION_sRGB;
    return tinted;
  });
}

}  // namespace luna
