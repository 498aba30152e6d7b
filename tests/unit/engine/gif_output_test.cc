// GIF output (libvips' cgif saver on both builds), checked against libvips' own GIF
// decoder: size, transparency, pixels, frames, delays and loop count.
#include <gtest/gtest.h>

#include <cmath>

#include "encode.h"
#include "synthetic_images.h"

namespace luna::testing {
namespace {

Image Wrapped(VipsImage* raw) { return Image(raw); }

immagin::Result<std::string> EncodeGif(const Image& image) {
  immagin::OutputOptions output;
  output.format = immagin::OutputFormat::kGif;
  return Encode(image, output, EngineConfig{});
}

VipsImage* Load(const std::string& gif, int pages = 1) {
  return vips_image_new_from_buffer(gif.data(), gif.size(), "", "n", pages, nullptr);
}

// Mean absolute difference over the RGB bands of two same-size 8-bit images.
double MeanDifference(VipsImage* a, VipsImage* b) {
  VipsImage *ra = nullptr, *rb = nullptr, *diff = nullptr, *abs = nullptr;
  vips_extract_band(a, &ra, 0, "n", 3, nullptr);
  vips_extract_band(b, &rb, 0, "n", 3, nullptr);
  vips_subtract(ra, rb, &diff, nullptr);
  vips_abs(diff, &abs, nullptr);
  double mean = 0;
  vips_avg(abs, &mean, nullptr);
  for (VipsImage* i : {ra, rb, diff, abs}) g_object_unref(i);
  return mean;
}

TEST(GifOutput, OneFrameWithTransparencyDecodesBack) {
  VipsImage* source = WithTransparentMargin(Gradient(120, 80), 10);
  g_object_ref(source);
  const Image image = Wrapped(source);
  auto gif = EncodeGif(image);
  ASSERT_TRUE(gif.ok()) << gif.error().ToString();
  EXPECT_EQ(gif->substr(0, 6), "GIF89a");
  const Decoded d = Inspect(*gif);
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.loader, "VipsForeignLoadNsgifBuffer");
  EXPECT_EQ(d.width, 120);
  EXPECT_EQ(d.height, 80);
  EXPECT_EQ(d.pages, 1);
  VipsImage* back = Load(*gif);
  ASSERT_NE(back, nullptr);
  ASSERT_EQ(vips_image_get_bands(back), 4);
  double corner[4] = {}, centre[4] = {};
  double* values = nullptr;
  int n = 0;
  ASSERT_EQ(vips_getpoint(back, &values, &n, 2, 2, nullptr), 0);
  std::copy(values, values + n, corner);
  g_free(values);
  ASSERT_EQ(vips_getpoint(back, &values, &n, 60, 40, nullptr), 0);
  std::copy(values, values + n, centre);
  g_free(values);
  EXPECT_EQ(corner[3], 0) << "the transparent margin stays transparent";
  EXPECT_EQ(centre[3], 255);
  // 256 colours with dithering stay close to the gradient (the opaque part).
  VipsImage *a = nullptr, *b = nullptr;
  vips_extract_area(back, &a, 10, 10, 100, 60, nullptr);
  vips_extract_area(source, &b, 10, 10, 100, 60, nullptr);
  EXPECT_LT(MeanDifference(a, b), 6.0);
  g_object_unref(a);
  g_object_unref(b);
  g_object_unref(back);
  g_object_unref(source);
}

TEST(GifOutput, AnimationKeepsFramesDelaysAndLoop) {
  const Bytes animated = AnimatedGif(60, 40, 4);
  VipsImage* loaded =
      vips_image_new_from_buffer(animated.data(), animated.size(), "", "n", -1, nullptr);
  ASSERT_NE(loaded, nullptr);
  // Metadata is set on a copy, as libvips expects (the loaded image is shared).
  VipsImage* frames = nullptr;
  ASSERT_EQ(vips_copy(loaded, &frames, nullptr), 0);
  g_object_unref(loaded);
  int delays[] = {50, 120, 70, 200};
  vips_image_set_array_int(frames, "delay", delays, 4);
  vips_image_set_int(frames, "loop", 3);
  const Image image = Wrapped(frames);
  auto gif = EncodeGif(image);
  ASSERT_TRUE(gif.ok()) << gif.error().ToString();
  VipsImage* back = Load(*gif, -1);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(vips_image_get_page_height(back), 40);
  EXPECT_EQ(vips_image_get_height(back), 160);
  int* got = nullptr;
  int count = 0;
  ASSERT_EQ(vips_image_get_array_int(back, "delay", &got, &count), 0);
  ASSERT_EQ(count, 4);
  EXPECT_EQ(got[1], 120);
  EXPECT_EQ(got[3], 200);
  int loop = -1;
  ASSERT_EQ(vips_image_get_int(back, "loop", &loop), 0);
  EXPECT_EQ(loop, 3);
  g_object_unref(back);
}

TEST(GifOutput, NoiseDecodesBackClose) {
  // Noise: the worst case for a 256-colour palette.
  VipsImage* noise = nullptr;
  ASSERT_EQ(vips_gaussnoise(&noise, 400, 300, "mean", 128.0, "sigma", 60.0, nullptr), 0);
  VipsImage *rgb = nullptr, *cast = nullptr;
  vips_bandjoin_const(noise, &rgb, std::vector<double>{64, 200}.data(), 2, nullptr);
  vips_cast_uchar(rgb, &cast, nullptr);
  g_object_unref(noise);
  g_object_unref(rgb);
  vips_image_set_int(cast, "interpretation", VIPS_INTERPRETATION_sRGB);
  g_object_ref(cast);
  const Image image = Wrapped(cast);
  auto gif = EncodeGif(image);
  ASSERT_TRUE(gif.ok());
  VipsImage* back = Load(*gif);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(vips_image_get_width(back), 400);
  EXPECT_LT(MeanDifference(back, cast), 25.0);
  g_object_unref(back);
  g_object_unref(cast);
}

}  // namespace
}  // namespace luna::testing
