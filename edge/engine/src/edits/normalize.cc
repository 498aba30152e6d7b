// normalize: stretches lightness so the `lower` percentile becomes black and the `upper`
// percentile white (in LAB, so hues do not shift).
#include <cmath>

#include "colour_space.h"
#include "edit_steps.h"

namespace luna {

Result<Image> Apply(const Image& frame, const immagin::NormalizeEdit& edit, const StepContext&) {
  return OnColourBands(frame, [&](const Image& colour) -> Result<Image> {
    return ThroughSpace(colour, VIPS_INTERPRETATION_LAB, [&](const Image& lab) -> Result<Image> {
      VipsImage* l = nullptr;
      auto lightness = Wrap(vips_extract_band(lab.get(), &l, 0, nullptr), l, "normalizing");
      if (!lightness) return lightness;
      int low = 0;
      int high = 0;
      if (vips_percent(lightness->get(), edit.lower, &low, nullptr) != 0 ||
          vips_percent(lightness->get(), edit.upper, &high, nullptr) != 0) {
        // The histogram reads every pixel: a broken original fails here.
        return VipsError(immagin::ErrorCode::kUnprocessable, "normalizing");
      }
      if (std::abs(high - low) <= 1) return lab;  // flat image: nothing to stretch
      const double f = 100.0 / (high - low);
      double scale[3] = {f, 1.0, 1.0};
      double offset[3] = {-low * f, 0.0, 0.0};
      VipsImage* out = nullptr;
      return Wrap(vips_linear(lab.get(), &out, scale, offset, 3, nullptr), out, "normalizing");
    });
  });
}

}  // namespace luna
