// crop: the region must lie inside the image; anything else is the request's mistake (400).
#include <string>

#include "edit_steps.h"

namespace luna {

Result<Image> Apply(const Image& frame, const immagin::CropEdit& edit, const StepContext&) {
  if (edit.left + edit.width > frame.width() || edit.top + edit.height > frame.height()) {
    return immagin::InvalidArgument(
        "crop", "region " + std::to_string(edit.width) + "x" + std::to_string(edit.height) +
                    " at (" + std::to_string(edit.left) + ", " + std::to_string(edit.top) +
                    ") does not fit inside the " + std::to_string(frame.width()) + "x" +
                    std::to_string(frame.height()) + " image");
  }
  VipsImage* out = nullptr;
  return Wrap(
      vips_extract_area(frame.get(), &out, edit.left, edit.top, edit.width, edit.height, nullptr),
      out, "cropping");
}

}  // namespace luna
