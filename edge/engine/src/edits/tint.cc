// tint: keeps each pixel's lightness and gives it the chroma of the tint colour (in LAB).
#include "colour_space.h"
#include "edit_steps.h"

namespace luna {

Result<Image> Apply(const Image& frame, const immagin::TintEdit& edit, const StepContext&) {
  float lab[3];
  vips_col_sRGB2scRGB_8(edit.r, edit.g, edit.b, &lab[0], &lab[1], &lab[2]);
  float x = 0, y = 0, z = 0;
  vips_col_scRGB2XYZ(lab[0], lab[1], lab[2], &x, &y, &z);
  float l = 0, a = 0, b = 0;
  vips_col_XYZ2Lab(x, y, z, &l, &a, &b);

  return OnColourBands(frame, [&](const Image& colour) -> Result<Image> {
    Image working = colour;
    if (colour.bands() < 3) {
      VipsImage* rgb = nullptr;
      auto promoted = Wrap(vips_colourspace(colour.get(), &rgb, VIPS_INTERPRETATION_sRGB, nullptr),
                           rgb, "converting to colour");
      if (!promoted) return promoted;
      working = *promoted;
    }
    return ThroughSpace(working, VIPS_INTERPRETATION_LAB, [&](const Image& in) -> Result<Image> {
      double scale[3] = {1.0, 0.0, 0.0};
      double offset[3] = {0.0, a, b};
      VipsImage* out = nullptr;
      return Wrap(vips_linear(in.get(), &out, scale, offset, 3, nullptr), out, "tinting");
    });
  });
}

}  // namespace luna
