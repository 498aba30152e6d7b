// GIF encoding without libvips' gifsave (which needs cgif, absent where the wasm libraries
// are built): each frame quantised to at most 256 colours by libimagequant, then written
// as GIF89a with LZW, keeping transparency, frame delays and the loop count.
#pragma once

#include <string>

#include "image.h"

namespace luna {

// `image`: 8-bit sRGB with or without alpha; animated when it has a page height.
immagin::Result<std::string> WriteGif(const Image& image);

}  // namespace luna
