#include "layer.h"

namespace luna {

using immagin::TextPosition;

std::pair<int, int> PlaceLayer(TextPosition p, int w, int h, int W, int H, int pad) {
  int x = (W - w) / 2;
  int y = (H - h) / 2;
  switch (p) {
    case TextPosition::kTopLeft:
    case TextPosition::kCenterLeft:
    case TextPosition::kBottomLeft: x = pad; break;
    case TextPosition::kTopRight:
    case TextPosition::kCenterRight:
    case TextPosition::kBottomRight: x = W - w - pad; break;
    default: break;
  }
  switch (p) {
    case TextPosition::kTopLeft:
    case TextPosition::kTopCenter:
    case TextPosition::kTopRight: y = pad; break;
    case TextPosition::kBottomLeft:
    case TextPosition::kBottomCenter:
    case TextPosition::kBottomRight: y = H - h - pad; break;
    default: break;
  }
  return {x, y};
}

immagin::Result<Image> CompositeLayer(const Image& frame, const Image& layer, int x, int y,
                                      std::string_view doing) {
  VipsImage* composed = nullptr;
  auto result = Wrap(vips_composite2(frame.get(), layer.get(), &composed, VIPS_BLEND_MODE_OVER, "x",
                                     x, "y", y, nullptr),
                     composed, doing);
  if (!result) return result;
  VipsImage* cast = nullptr;
  auto cast_image = Wrap(vips_cast_uchar(result->get(), &cast, nullptr), cast, doing);
  if (!cast_image || frame.has_alpha() || !cast_image->has_alpha()) return cast_image;
  // Compositing adds alpha; an opaque frame stays opaque, so drop it again.
  VipsImage* opaque = nullptr;
  return Wrap(
      vips_extract_band(cast_image->get(), &opaque, 0, "n", cast_image->bands() - 1, nullptr),
      opaque, doing);
}

}  // namespace luna
