#include "synthetic_images.h"

#include <cstdlib>
#include <stdexcept>

namespace luna::testing {
namespace {

VipsImage* Check(int status, VipsImage* out) {
  if (status != 0) {
    std::string message = vips_error_buffer();
    vips_error_clear();
    throw std::runtime_error("libvips: " + message);
  }
  return out;
}

VipsImage* Uchar(VipsImage* in) {
  VipsImage* out = nullptr;
  Check(vips_cast_uchar(in, &out, nullptr), out);
  g_object_unref(in);
  return out;
}

}  // namespace

VipsImage* Gradient(int width, int height) {
  VipsImage* xy = nullptr;
  Check(vips_xyz(&xy, width, height, nullptr), xy);
  VipsImage* x = nullptr;
  VipsImage* y = nullptr;
  Check(vips_extract_band(xy, &x, 0, nullptr), x);
  Check(vips_extract_band(xy, &y, 1, nullptr), y);
  g_object_unref(xy);
  VipsImage* r = nullptr;
  VipsImage* g = nullptr;
  Check(vips_linear1(x, &r, 255.0 / std::max(1, width - 1), 0, nullptr), r);
  Check(vips_linear1(y, &g, 255.0 / std::max(1, height - 1), 0, nullptr), g);
  g_object_unref(x);
  g_object_unref(y);
  VipsImage* b = nullptr;
  Check(vips_linear1(r, &b, 0.0, 64.0, nullptr), b);
  VipsImage* bands[3] = {r, g, b};
  VipsImage* rgb = nullptr;
  Check(vips_bandjoin(bands, &rgb, 3, nullptr), rgb);
  g_object_unref(r);
  g_object_unref(g);
  g_object_unref(b);
  rgb = Uchar(rgb);
  rgb->Type = VIPS_INTERPRETATION_sRGB;
  return rgb;
}

VipsImage* WithTransparentMargin(VipsImage* image, int margin) {
  const int w = vips_image_get_width(image);
  const int h = vips_image_get_height(image);
  VipsImage* inner = nullptr;
  Check(vips_black(&inner, w - 2 * margin, h - 2 * margin, nullptr), inner);
  VipsImage* opaque = nullptr;
  Check(vips_linear1(inner, &opaque, 1.0, 255.0, nullptr), opaque);
  g_object_unref(inner);
  VipsImage* alpha = nullptr;
  Check(vips_embed(opaque, &alpha, margin, margin, w, h, nullptr), alpha);
  g_object_unref(opaque);
  alpha = Uchar(alpha);
  VipsImage* out = nullptr;
  Check(vips_bandjoin2(image, alpha, &out, nullptr), out);
  g_object_unref(alpha);
  g_object_unref(image);
  out->Type = VIPS_INTERPRETATION_sRGB;
  return out;
}

VipsImage* Bordered(int width, int height, int border, const std::vector<double>& inner,
                    const std::vector<double>& outer) {
  VipsImage* black = nullptr;
  Check(vips_black(&black, width - 2 * border, height - 2 * border, "bands", 3, nullptr), black);
  VipsImage* filled = nullptr;
  std::vector<double> ones(3, 1.0);
  Check(vips_linear(black, &filled, ones.data(), const_cast<double*>(inner.data()), 3, nullptr),
        filled);
  g_object_unref(black);
  VipsArrayDouble* bg = vips_array_double_new(outer.data(), static_cast<int>(outer.size()));
  VipsImage* out = nullptr;
  Check(vips_embed(filled, &out, border, border, width, height, "extend", VIPS_EXTEND_BACKGROUND,
                   "background", bg, nullptr),
        out);
  vips_area_unref(VIPS_AREA(bg));
  g_object_unref(filled);
  out = Uchar(out);
  out->Type = VIPS_INTERPRETATION_sRGB;
  return out;
}

Bytes Save(VipsImage* image, const std::string& suffix, const std::string& options) {
  void* buffer = nullptr;
  size_t length = 0;
  const std::string format = suffix + (options.empty() ? "" : "[" + options + "]");
  const int status = vips_image_write_to_buffer(image, format.c_str(), &buffer, &length, nullptr);
  g_object_unref(image);
  Check(status, nullptr);
  Bytes bytes(static_cast<uint8_t*>(buffer), static_cast<uint8_t*>(buffer) + length);
  g_free(buffer);
  return bytes;
}

Bytes OrientedJpeg(int width, int height, int orientation) {
  VipsImage* upright = Gradient(width, height);
  // Store the pixels so that applying `orientation` makes them upright again.
  VipsImage* stored = nullptr;
  switch (orientation) {
    case 2: Check(vips_flip(upright, &stored, VIPS_DIRECTION_HORIZONTAL, nullptr), stored); break;
    case 3: Check(vips_rot(upright, &stored, VIPS_ANGLE_D180, nullptr), stored); break;
    case 4: Check(vips_flip(upright, &stored, VIPS_DIRECTION_VERTICAL, nullptr), stored); break;
    case 5: {
      VipsImage* t = nullptr;
      Check(vips_rot(upright, &t, VIPS_ANGLE_D270, nullptr), t);
      Check(vips_flip(t, &stored, VIPS_DIRECTION_VERTICAL, nullptr), stored);
      g_object_unref(t);
      break;
    }
    case 6: Check(vips_rot(upright, &stored, VIPS_ANGLE_D270, nullptr), stored); break;
    case 7: {
      VipsImage* t = nullptr;
      Check(vips_rot(upright, &t, VIPS_ANGLE_D90, nullptr), t);
      Check(vips_flip(t, &stored, VIPS_DIRECTION_VERTICAL, nullptr), stored);
      g_object_unref(t);
      break;
    }
    case 8: Check(vips_rot(upright, &stored, VIPS_ANGLE_D90, nullptr), stored); break;
    default: Check(vips_copy(upright, &stored, nullptr), stored); break;
  }
  g_object_unref(upright);
  VipsImage* tagged = nullptr;
  Check(vips_copy(stored, &tagged, nullptr), tagged);
  g_object_unref(stored);
  vips_image_set_int(tagged, VIPS_META_ORIENTATION, orientation);
  return Save(tagged, ".jpg", "Q=95");
}

Bytes AnimatedGif(int width, int height, int frames) {
  std::vector<VipsImage*> pages;
  for (int i = 0; i < frames; ++i) {
    VipsImage* g = Gradient(width, height);
    VipsImage* shifted = nullptr;
    Check(vips_linear1(g, &shifted, 1.0, 20.0 * i, nullptr), shifted);
    g_object_unref(g);
    pages.push_back(Uchar(shifted));
  }
  VipsImage* strip = nullptr;
  Check(vips_arrayjoin(pages.data(), &strip, frames, "across", 1, nullptr), strip);
  for (VipsImage* p : pages) g_object_unref(p);
  VipsImage* out = nullptr;
  Check(vips_copy(strip, &out, nullptr), out);
  g_object_unref(strip);
  out->Type = VIPS_INTERPRETATION_sRGB;
  vips_image_set_int(out, VIPS_META_PAGE_HEIGHT, height);
  std::vector<int> delays(frames, 100);
  vips_image_set_array_int(out, "delay", delays.data(), frames);
  vips_image_set_int(out, "loop", 0);
  return Save(out, ".gif");
}

Bytes CmykJpeg(int width, int height) {
  VipsImage* g = Gradient(width, height);
  VipsImage* cmyk = nullptr;
  Check(vips_icc_export(g, &cmyk, "output_profile", "cmyk", nullptr), cmyk);
  g_object_unref(g);
  return Save(cmyk, ".jpg");
}

Decoded Inspect(const std::string& bytes) {
  Decoded d;
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (loader == nullptr) {
    vips_error_clear();
    return d;
  }
  VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (image == nullptr) {
    vips_error_clear();
    return d;
  }
  d.ok = true;
  d.loader = loader;
  d.width = vips_image_get_width(image);
  d.height = vips_image_get_page_height(image);
  d.bands = vips_image_get_bands(image);
  d.pages = vips_image_get_n_pages(image);
  d.has_exif = vips_image_get_typeof(image, VIPS_META_EXIF_NAME) != 0;
  d.interpretation = vips_enum_nick(VIPS_TYPE_INTERPRETATION, vips_image_get_interpretation(image));
  g_object_unref(image);
  return d;
}

namespace {
VipsImage* Open(const std::string& bytes) {
  VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  return Check(image == nullptr ? -1 : 0, image);
}
}  // namespace

double Mean(const std::string& bytes, int band) {
  VipsImage* image = Open(bytes);
  VipsImage* selected = image;
  if (band >= 0) Check(vips_extract_band(image, &selected, band, nullptr), selected);
  double mean = 0;
  Check(vips_avg(selected, &mean, nullptr), nullptr);
  if (selected != image) g_object_unref(selected);
  g_object_unref(image);
  return mean;
}

std::vector<double> PixelAt(const std::string& bytes, int x, int y) {
  VipsImage* image = Open(bytes);
  double* values = nullptr;
  int n = 0;
  Check(vips_getpoint(image, &values, &n, x, y, nullptr), nullptr);
  std::vector<double> out(values, values + n);
  g_free(values);
  g_object_unref(image);
  return out;
}

double StdDev(const std::string& bytes) {
  VipsImage* image = Open(bytes);
  double deviation = 0;
  Check(vips_deviate(image, &deviation, nullptr), nullptr);
  g_object_unref(image);
  return deviation;
}

}  // namespace luna::testing
