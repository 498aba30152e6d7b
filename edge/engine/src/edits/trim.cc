// trim: removes borders of one colour (the top-left pixel unless given), within a
// threshold. A transparent top-left pixel trims on the alpha band, so transparent margins
// go whatever colour their invisible pixels have.
#include <vector>

#include "edit_steps.h"

namespace luna {
namespace {

Result<std::vector<double>> TopLeft(const Image& image) {
  double* values = nullptr;
  int n = 0;
  if (vips_getpoint(image.get(), &values, &n, 0, 0, nullptr) != 0) {
    return VipsError(immagin::ErrorCode::kUnprocessable, "reading the top-left pixel");
  }
  std::vector<double> out(values, values + n);
  g_free(values);
  return out;
}

}  // namespace

Result<Image> Apply(const Image& frame, const immagin::TrimEdit& edit, const StepContext&) {
  auto corner = TopLeft(frame);
  if (!corner) return corner.error();

  Image probe = frame;
  std::vector<double> background;
  if (frame.has_alpha() && !edit.background && corner->back() == 0.0) {
    VipsImage* alpha = nullptr;
    if (vips_extract_band(frame.get(), &alpha, frame.bands() - 1, nullptr) != 0) {
      return VipsError(immagin::ErrorCode::kInternal, "trimming");
    }
    probe = Image(alpha);
    background = {0.0};
  } else {
    if (frame.has_alpha()) {
      // Compare colours as they look: flatten over the colour being trimmed.
      const immagin::Rgba flat = edit.background.value_or(immagin::kWhite);
      BackgroundArray bg(flat, frame.bands() - 1);
      VipsImage* flattened = nullptr;
      if (vips_flatten(frame.get(), &flattened, "background", bg.array, nullptr) != 0) {
        return VipsError(immagin::ErrorCode::kInternal, "trimming");
      }
      probe = Image(flattened);
    }
    if (edit.background) {
      VipsArrayDouble* given = Background(*edit.background, probe.bands());
      background.assign(static_cast<double*>(VIPS_AREA(given)->data),
                        static_cast<double*>(VIPS_AREA(given)->data) + probe.bands());
      vips_area_unref(VIPS_AREA(given));
    } else {
      auto probe_corner = TopLeft(probe);
      if (!probe_corner) return probe_corner.error();
      background = *probe_corner;
    }
  }

  VipsArrayDouble* bg =
      vips_array_double_new(background.data(), static_cast<int>(background.size()));
  int left = 0, top = 0, width = 0, height = 0;
  const int status = vips_find_trim(probe.get(), &left, &top, &width, &height, "background", bg,
                                    "threshold", edit.threshold, nullptr);
  vips_area_unref(VIPS_AREA(bg));
  // The search reads pixels: a broken original fails here, the input's fault.
  if (status != 0) return VipsError(immagin::ErrorCode::kUnprocessable, "trimming");
  // Nothing but background: keep the image rather than answer with nothing.
  if (width <= 0 || height <= 0) return frame;
  VipsImage* out = nullptr;
  return Wrap(vips_extract_area(frame.get(), &out, left, top, width, height, nullptr), out,
              "trimming");
}

}  // namespace luna
