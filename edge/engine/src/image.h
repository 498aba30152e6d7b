// A VipsImage reference with single ownership, and the bridge from libvips' error buffer
// to immagin::Error. libvips is used through its C API: its C++ binding reports errors with
// exceptions, which the wasm build cannot have.
#pragma once

#include <vips/vips.h>

#include <string_view>
#include <utility>
#include <vector>

#include "immagin/color.h"
#include "immagin/status.h"

namespace luna {

class Image {
 public:
  Image() = default;
  explicit Image(VipsImage* image) : image_(image) {}  // takes ownership of one reference
  Image(const Image& other) : image_(other.image_) {
    if (image_ != nullptr) g_object_ref(image_);
  }
  Image(Image&& other) noexcept : image_(std::exchange(other.image_, nullptr)) {}
  Image& operator=(Image other) noexcept {
    std::swap(image_, other.image_);
    return *this;
  }
  ~Image() {
    if (image_ != nullptr) g_object_unref(image_);
  }

  VipsImage* get() const { return image_; }
  explicit operator bool() const { return image_ != nullptr; }

  int width() const { return vips_image_get_width(image_); }
  // The full strip: all frames of an animation stacked vertically.
  int height() const { return vips_image_get_height(image_); }
  int bands() const { return vips_image_get_bands(image_); }
  bool has_alpha() const { return vips_image_hasalpha(image_) != 0; }
  int pages() const;
  int page_height() const;

 private:
  VipsImage* image_ = nullptr;
};

// The libvips error buffer as an Error with `code`, prefixed with what we were doing;
// the buffer is cleared so the next request starts clean.
immagin::Error VipsError(immagin::ErrorCode code, std::string_view doing);

// `out` from a vips_* call that returned `status`.
immagin::Result<Image> Wrap(int status, VipsImage* out, std::string_view doing);

// A colour as a libvips `background` array of `bands` values (1-4: grey, grey+alpha, RGB,
// RGBA) for 8-bit images. Owned by the caller: wrap it in BackgroundArray.
VipsArrayDouble* Background(immagin::Rgba color, int bands);

struct BackgroundArray {
  VipsArrayDouble* array;
  BackgroundArray(immagin::Rgba color, int bands) : array(Background(color, bands)) {}
  BackgroundArray(const BackgroundArray&) = delete;
  BackgroundArray& operator=(const BackgroundArray&) = delete;
  ~BackgroundArray() { vips_area_unref(VIPS_AREA(array)); }
};

// Adds an opaque alpha band when `color` is not opaque, so uncovered areas can be
// transparent; otherwise returns the image as it is.
immagin::Result<Image> AlphaFor(const Image& image, immagin::Rgba color);

// Runs `fn` on the colour bands only and puts the alpha band back: colour operations
// must not touch transparency.
template <typename Fn>
immagin::Result<Image> OnColourBands(const Image& image, Fn&& fn) {
  if (!image.has_alpha()) return fn(image);
  const int colour_bands = image.bands() - 1;
  VipsImage* colour = nullptr;
  VipsImage* alpha = nullptr;
  if (vips_extract_band(image.get(), &colour, 0, "n", colour_bands, nullptr) != 0) {
    return VipsError(immagin::ErrorCode::kInternal, "splitting alpha");
  }
  Image colour_image(colour);
  if (vips_extract_band(image.get(), &alpha, colour_bands, nullptr) != 0) {
    return VipsError(immagin::ErrorCode::kInternal, "splitting alpha");
  }
  Image alpha_image(alpha);
  immagin::Result<Image> done = fn(colour_image);
  if (!done) return done;
  // Colour operations may return float or a different range; alpha is 8-bit.
  VipsImage* cast = nullptr;
  if (vips_cast_uchar(done->get(), &cast, nullptr) != 0) {
    return VipsError(immagin::ErrorCode::kInternal, "casting to 8 bits");
  }
  Image cast_image(cast);
  VipsImage* joined = nullptr;
  return Wrap(vips_bandjoin2(cast_image.get(), alpha_image.get(), &joined, nullptr), joined,
              "restoring alpha");
}

}  // namespace luna
