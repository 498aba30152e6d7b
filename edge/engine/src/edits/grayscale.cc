// grayscale: one band of luminance, alpha kept.
#include "edit_steps.h"

namespace luna {

Result<Image> Apply(const Image& frame, const immagin::GrayscaleEdit&, const StepContext&) {
  return OnColourBands(frame, [](const Image& colour) -> Result<Image> {
    VipsImage* out = nullptr;
    return Wrap(vips_colourspace(colour.get(), &out, VIPS_INTERPRETATION_B_W, nullptr), out,
                "converting to grayscale");
  });
}

}  // namespace luna
