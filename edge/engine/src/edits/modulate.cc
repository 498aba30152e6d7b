// modulate: in LCh, lightness × brightness + lightness, chroma × saturation, hue + degrees
// (sharp's definition).
#include "colour_space.h"
#include "edit_steps.h"

namespace luna {

Result<Image> Apply(const Image& frame, const immagin::ModulateEdit& edit, const StepContext&) {
  return OnColourBands(frame, [&](const Image& colour) -> Result<Image> {
    Image working = colour;
    // A grey image has no chroma to scale or turn: work in colour.
    if (colour.bands() < 3 && (edit.saturation != 1 || edit.hue != 0)) {
      VipsImage* rgb = nullptr;
      auto promoted = Wrap(vips_colourspace(colour.get(), &rgb, VIPS_INTERPRETATION_sRGB, nullptr),
                           rgb, "converting to colour");
      if (!promoted) return promoted;
      working = *promoted;
    }
    return ThroughSpace(working, VIPS_INTERPRETATION_LCH, [&](const Image& lch) -> Result<Image> {
      double a[3] = {edit.brightness, edit.saturation, 1.0};
      double b[3] = {edit.lightness, 0.0, edit.hue};
      VipsImage* out = nullptr;
      return Wrap(vips_linear(lch.get(), &out, a, b, 3, nullptr), out, "modulating");
    });
  });
}

}  // namespace luna
