// flatten: merges transparency onto the background colour; images without alpha pass.
#include "edit_steps.h"

namespace luna {

Result<Image> Apply(const Image& frame, const immagin::FlattenEdit& edit, const StepContext&) {
  if (!frame.has_alpha()) return frame;
  BackgroundArray bg(edit.background, frame.bands() - 1);
  VipsImage* out = nullptr;
  return Wrap(vips_flatten(frame.get(), &out, "background", bg.array, nullptr), out, "flattening");
}

}  // namespace luna
