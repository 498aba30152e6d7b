// invert: the negative of the colour bands; transparency is kept.
#include "edit_steps.h"

namespace luna {

Result<Image> Apply(const Image& frame, const immagin::InvertEdit&, const StepContext&) {
  return OnColourBands(frame, [](const Image& colour) -> Result<Image> {
    VipsImage* out = nullptr;
    return Wrap(vips_invert(colour.get(), &out, nullptr), out, "inverting");
  });
}

}  // namespace luna
