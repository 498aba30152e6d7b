// What the two layer edits (text, image) share: where a layer goes on the frame and how it
// is composited over it.
#pragma once

#include <string_view>
#include <utility>

#include "image.h"
#include "immagin/edit.h"

namespace luna {

// Top-left corner of a w×h layer at one of the nine positions of a W×H frame, `pad` pixels
// in from the edges it is placed against.
std::pair<int, int> PlaceLayer(immagin::TextPosition position, int w, int h, int W, int H, int pad);

// `layer` (with alpha) over `frame` at (x, y), back in 8 bits; an opaque frame stays opaque.
immagin::Result<Image> CompositeLayer(const Image& frame, const Image& layer, int x, int y,
                                      std::string_view doing);

}  // namespace luna
