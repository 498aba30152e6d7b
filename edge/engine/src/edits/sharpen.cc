// sharpen: libvips' unsharp mask on lightness with sharp's parameters for a given sigma
// (flat areas 1.0, jagged areas 2.0), so `sharpen: 1` looks as it does with sharp.
#include "edit_steps.h"

namespace luna {

Result<Image> Apply(const Image& frame, const immagin::SharpenEdit& edit, const StepContext&) {
  return OnColourBands(frame, [&](const Image& colour) -> Result<Image> {
    VipsImage* out = nullptr;
    auto sharpened = Wrap(vips_sharpen(colour.get(), &out, "sigma", edit.sigma, "m1", 1.0, "m2",
                                       2.0, "x1", 2.0, "y2", 10.0, "y3", 20.0, nullptr),
                          out, "sharpening");
    if (!sharpened) return sharpened;
    VipsImage* back = nullptr;
    // vips_sharpen answers in LABS for some inputs; bring it back to the frame's space.
    return Wrap(vips_colourspace(sharpened->get(), &back,
                                 vips_image_guess_interpretation(colour.get()), nullptr),
                back, "sharpening");
  });
}

}  // namespace luna
