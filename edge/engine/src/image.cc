#include "image.h"

#include <string>

namespace luna {

int Image::pages() const {
  const int ph = page_height();
  return ph > 0 && height() % ph == 0 ? height() / ph : 1;
}

int Image::page_height() const { return vips_image_get_page_height(image_); }

immagin::Error VipsError(immagin::ErrorCode code, std::string_view doing) {
  std::string detail = vips_error_buffer();
  vips_error_clear();
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  // Keep only the first line: later ones repeat it from outer operations.
  if (const size_t nl = detail.find('\n'); nl != std::string::npos) detail.resize(nl);
  std::string message(doing);
  if (!detail.empty()) message += ": " + detail;
  // An allocation libvips could not make is this server's state, not the request's fault:
  // retry later (wasm hosts, whose linear memory has a ceiling, meet it first).
  if (detail.find("out of memory") != std::string::npos) code = immagin::ErrorCode::kUnavailable;
  return immagin::Error{code, "", std::move(message)};
}

immagin::Result<Image> Wrap(int status, VipsImage* out, std::string_view doing) {
  if (status != 0) {
    if (out != nullptr) g_object_unref(out);
    return VipsError(immagin::ErrorCode::kInternal, doing);
  }
  return Image(out);
}

VipsArrayDouble* Background(immagin::Rgba color, int bands) {
  const double grey = 0.2126 * color.r + 0.7152 * color.g + 0.0722 * color.b;
  std::vector<double> values;
  switch (bands) {
    case 1: values = {grey}; break;
    case 2: values = {grey, static_cast<double>(color.a)}; break;
    case 3: values = {double(color.r), double(color.g), double(color.b)}; break;
    default: values = {double(color.r), double(color.g), double(color.b), double(color.a)}; break;
  }
  while (static_cast<int>(values.size()) < bands) values.push_back(color.a);
  return vips_array_double_new(values.data(), static_cast<int>(values.size()));
}

immagin::Result<Image> AlphaFor(const Image& image, immagin::Rgba color) {
  if (color.a == 255 || image.has_alpha()) return image;
  VipsImage* out = nullptr;
  return Wrap(vips_bandjoin_const1(image.get(), &out, 255.0, nullptr), out, "adding alpha");
}

}  // namespace luna
