// extend: pads each side with the background colour.
#include "edit_steps.h"

namespace luna {

Result<Image> Apply(const Image& frame, const immagin::ExtendEdit& edit, const StepContext&) {
  auto base = AlphaFor(frame, edit.background);
  if (!base) return base;
  BackgroundArray bg(edit.background, base->bands());
  VipsImage* out = nullptr;
  return Wrap(
      vips_embed(base->get(), &out, edit.left, edit.top, frame.width() + edit.left + edit.right,
                 frame.height() + edit.top + edit.bottom, "extend", VIPS_EXTEND_BACKGROUND,
                 "background", bg.array, nullptr),
      out, "extending");
}

}  // namespace luna
