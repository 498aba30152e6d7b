// Test inputs made with libvips itself, so the core engine tests need no files: gradients,
// alpha, EXIF orientations, animation frames, CMYK, borders.
#pragma once

#include <vips/vips.h>

#include <cstdint>
#include <string>
#include <vector>

namespace luna::testing {

using Bytes = std::vector<uint8_t>;

// An RGB gradient (red grows to the right, green downwards, blue constant 64).
VipsImage* Gradient(int width, int height);
// The gradient with an alpha band: opaque centre, transparent `margin` around it.
VipsImage* WithTransparentMargin(VipsImage* image, int margin);
// A solid colour image with a border of another colour.
VipsImage* Bordered(int width, int height, int border, const std::vector<double>& inner,
                    const std::vector<double>& outer);

// Encodes with a libvips saver by suffix (".jpg", ".png", ".webp", ".gif", ".tif", ".avif");
// takes ownership of `image`.
Bytes Save(VipsImage* image, const std::string& suffix, const std::string& options = "");

// A JPEG whose EXIF orientation tag is `orientation` (pixels stored accordingly rotated, so
// that auto-orientation gives back the upright gradient of width×height).
Bytes OrientedJpeg(int width, int height, int orientation);

// An animated GIF with `frames` frames of width×height.
Bytes AnimatedGif(int width, int height, int frames);

// A CMYK JPEG made from the gradient.
Bytes CmykJpeg(int width, int height);

// What a decoder makes of encoded bytes.
struct Decoded {
  bool ok = false;
  std::string loader;  // libvips loader nickname, e.g. "VipsForeignLoadWebpBuffer"
  int width = 0;
  int height = 0;  // of one page
  int bands = 0;
  int pages = 1;
  bool has_exif = false;
  std::string interpretation;
};
Decoded Inspect(const std::string& bytes);

// Mean of every band, and of band `band` only, over a region (or the whole image).
double Mean(const std::string& bytes, int band = -1);
std::vector<double> PixelAt(const std::string& bytes, int x, int y);
double StdDev(const std::string& bytes);

}  // namespace luna::testing
