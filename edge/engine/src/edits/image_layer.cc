// image: another original of the project (a logo, a watermark) composited over the frame at
// one of nine positions, scaled to `width` but never past the base, with opacity and padding.
// The overlay arrives decoded and upright in StepContext::overlays (pipeline.cc).
#include <algorithm>
#include <cmath>

#include "edit_steps.h"
#include "layer.h"

namespace luna {
namespace {

// The overlay with an alpha band, scaled by `opacity`.
Result<Image> WithOpacity(const Image& overlay, double opacity) {
  Image current = overlay;
  if (!current.has_alpha()) {
    VipsImage* out = nullptr;
    auto opaque = Wrap(vips_bandjoin_const1(current.get(), &out, 255, nullptr), out,
                       "compositing an image layer");
    if (!opaque) return opaque;
    current = *opaque;
  }
  if (opacity >= 1) return current;
  std::vector<double> a(current.bands(), 1.0);
  std::vector<double> b(current.bands(), 0.0);
  a.back() = opacity;
  VipsImage* out = nullptr;
  return Wrap(
      vips_linear(current.get(), &out, a.data(), b.data(), current.bands(), "uchar", TRUE, nullptr),
      out, "compositing an image layer");
}

}  // namespace

Result<Image> Apply(const Image& frame, const immagin::ImageEdit& edit, const StepContext& c) {
  const auto it = c.overlays != nullptr ? c.overlays->find(edit.key) : OverlayImages::iterator{};
  if (c.overlays == nullptr || it == c.overlays->end()) {
    return immagin::Error{immagin::ErrorCode::kNotFound, "image.key",
                          "no image with key \"" + edit.key + "\" in this project"};
  }
  const Image& overlay = it->second;
  const int W = frame.width();
  const int H = frame.height();
  // Never larger than the base on either side, whatever width asks.
  const double wanted = std::min(edit.width.value_or(overlay.width()), W);
  const double scale =
      std::min(wanted / overlay.width(), static_cast<double>(H) / overlay.height());
  Image layer = overlay;
  if (std::abs(scale - 1.0) > 1e-9) {
    VipsImage* out = nullptr;
    auto scaled = Wrap(vips_resize(overlay.get(), &out, scale, nullptr), out, "scaling an overlay");
    if (!scaled) return scaled;
    layer = *scaled;
  }
  auto painted = WithOpacity(layer, edit.opacity);
  if (!painted) return painted;
  const auto [x, y] =
      PlaceLayer(edit.position, painted->width(), painted->height(), W, H, edit.padding);
  return CompositeLayer(frame, *painted, x, y, "compositing an image layer");
}

}  // namespace luna
