// rotate: quarter turns are exact pixel moves; other angles resample and fill the corners
// with the background (transparent backgrounds add an alpha band).
#include <cmath>

#include "edit_steps.h"

namespace luna {

Result<Image> Apply(const Image& frame, const immagin::RotateEdit& edit, const StepContext&) {
  VipsImage* out = nullptr;
  // Canonical angles are in [0, 360).
  if (std::fmod(edit.angle, 90.0) == 0.0) {
    const int quarter = static_cast<int>(edit.angle / 90.0) % 4;
    if (quarter == 0) return frame;
    const VipsAngle angle = quarter == 1   ? VIPS_ANGLE_D90
                            : quarter == 2 ? VIPS_ANGLE_D180
                                           : VIPS_ANGLE_D270;
    return Wrap(vips_rot(frame.get(), &out, angle, nullptr), out, "rotating");
  }
  auto base = AlphaFor(frame, edit.background);
  if (!base) return base;
  BackgroundArray bg(edit.background, base->bands());
  return Wrap(vips_rotate(base->get(), &out, edit.angle, "background", bg.array, nullptr), out,
              "rotating");
}

}  // namespace luna
