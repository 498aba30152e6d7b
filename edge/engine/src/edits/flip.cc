// flip mirrors top to bottom, flop left to right.
#include "edit_steps.h"

namespace luna {

Result<Image> Apply(const Image& frame, const immagin::FlipEdit&, const StepContext&) {
  VipsImage* out = nullptr;
  return Wrap(vips_flip(frame.get(), &out, VIPS_DIRECTION_VERTICAL, nullptr), out, "flipping");
}

Result<Image> Apply(const Image& frame, const immagin::FlopEdit&, const StepContext&) {
  VipsImage* out = nullptr;
  return Wrap(vips_flip(frame.get(), &out, VIPS_DIRECTION_HORIZONTAL, nullptr), out, "flopping");
}

}  // namespace luna
