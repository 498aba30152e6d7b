// blur: a Gaussian blur of every band, alpha included, so soft edges stay soft.
#include "edit_steps.h"

namespace luna {

Result<Image> Apply(const Image& frame, const immagin::BlurEdit& edit, const StepContext&) {
  VipsImage* out = nullptr;
  return Wrap(vips_gaussblur(frame.get(), &out, edit.sigma, nullptr), out, "blurring");
}

}  // namespace luna
