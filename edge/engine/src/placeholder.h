// output.format "thumbhash" (SPEC §4): the edited image as a ThumbHash placeholder, in JSON.
#pragma once

#include <string>

#include "image.h"

namespace luna {

// {"thumbhash": base64, "width", "height", "dataUrl": "data:image/png;base64,…"} for `image`
// (one frame, in the working space); width and height are the image's own.
immagin::Result<std::string> ThumbHashJson(const Image& image);

}  // namespace luna
