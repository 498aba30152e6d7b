// Round trips through perceptual colour spaces for the colour edits.
#pragma once

#include "image.h"

namespace luna {

// The colour bands in `space` (LAB, LCH) as float, applied `fn`, and back to the frame's
// own space (sRGB or B_W) in 8 bits.
template <typename Fn>
immagin::Result<Image> ThroughSpace(const Image& colour, VipsInterpretation space, Fn&& fn) {
  const VipsInterpretation home = vips_image_guess_interpretation(colour.get());
  VipsImage* converted = nullptr;
  auto in_space = Wrap(vips_colourspace(colour.get(), &converted, space, nullptr), converted,
                       "converting colour space");
  if (!in_space) return in_space;
  immagin::Result<Image> done = fn(*in_space);
  if (!done) return done;
  VipsImage* back = nullptr;
  auto home_image =
      Wrap(vips_colourspace(done->get(), &back, home, nullptr), back, "converting colour space");
  if (!home_image) return home_image;
  VipsImage* cast = nullptr;
  return Wrap(vips_cast_uchar(home_image->get(), &cast, nullptr), cast, "casting to 8 bits");
}

}  // namespace luna
