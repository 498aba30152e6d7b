// Output formats and options, metadata stripping, colour handling, animation, metadata mode.
#include <gtest/gtest.h>

#include "immagin/json.h"
#include "render_request.h"

namespace luna::testing {
namespace {

const Bytes& Photo() {
  static const Bytes bytes = Save(Gradient(640, 480), ".jpg", "Q=95");
  return bytes;
}

const Bytes& Logo() {  // RGBA with transparent margins
  static const Bytes bytes = Save(WithTransparentMargin(Gradient(300, 200), 30), ".png");
  return bytes;
}

struct FormatCase {
  const char* format;
  const char* loader;
  const char* content_type;
  bool keeps_alpha;
};

class OutputFormats : public ::testing::TestWithParam<FormatCase> {};

TEST_P(OutputFormats, DecodeBackWithTheRightSizeAndFormat) {
  const FormatCase& c = GetParam();
  auto r = Render(Logo(), R"({"resize":{"width":150}})",
                  std::string(R"({"format":")") + c.format + R"("})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->content_type, c.content_type);
  const Decoded d = Inspect(r->bytes);
  ASSERT_TRUE(d.ok) << c.format;
  EXPECT_EQ(d.loader, c.loader);
  EXPECT_EQ(d.width, 150);
  EXPECT_EQ(d.height, 100);
  EXPECT_EQ(d.bands == 4 || d.bands == 2, c.keeps_alpha) << d.bands;
  EXPECT_FALSE(d.has_exif);
}

INSTANTIATE_TEST_SUITE_P(
    Luna, OutputFormats,
    ::testing::Values(FormatCase{"webp", "VipsForeignLoadWebpBuffer", "image/webp", true},
                      FormatCase{"jpeg", "VipsForeignLoadJpegBuffer", "image/jpeg", false},
                      FormatCase{"png", "VipsForeignLoadPngBuffer", "image/png", true},
                      FormatCase{"avif", "VipsForeignLoadHeifBuffer", "image/avif", true},
                      FormatCase{"gif", "VipsForeignLoadNsgifBuffer", "image/gif", true},
                      FormatCase{"jp2", "VipsForeignLoadJp2kBuffer", "image/jp2", true},
                      FormatCase{"tiff", "VipsForeignLoadTiffBuffer", "image/tiff", true},
                      FormatCase{"heif", "VipsForeignLoadHeifBuffer", "image/heif", true}),
    [](const auto& info) { return std::string(info.param.format); });

// The coding libheif reports for a HEIF file ("av1" or "hevc").
std::string HeifCompression(const std::string& bytes) {
  VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (image == nullptr) return "undecodable";
  const char* compression = nullptr;
  std::string name =
      vips_image_get_string(image, "heif-compression", &compression) == 0 ? compression : "missing";
  g_object_unref(image);
  return name;
}

TEST(Output, HeifIsAv1CodedUnlessHevcIsAsked) {
  EXPECT_EQ(HeifCompression(RenderOk(Photo(), "[]", R"({"format":"heif"})")), "av1");
  EXPECT_EQ(HeifCompression(RenderOk(Photo(), "[]", R"({"format":"avif"})")), "av1");
  // Natively libheif has x265; the module's answer (415 naming output.compression) is in
  // the workerd conformance suite.
  auto hevc = Render(Photo(), "[]", R"({"format":"heif","compression":"hevc"})");
  ASSERT_TRUE(hevc.ok()) << hevc.error().ToString();
  EXPECT_EQ(hevc->content_type, "image/heif");
  EXPECT_EQ(HeifCompression(hevc->bytes), "hevc");
}

TEST(Output, DefaultsToWebp) {
  auto r = Render(Photo(), "[]");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->content_type, "image/webp");
  EXPECT_EQ(Inspect(r->bytes).loader, "VipsForeignLoadWebpBuffer");
}

TEST(Output, JpegFlattensAlphaOnWhite) {
  const std::string out = RenderOk(Logo(), "[]", R"({"format":"jpeg"})");
  const auto corner = PixelAt(out, 2, 2);
  EXPECT_GT(corner[0], 245);
  EXPECT_GT(corner[1], 245);
  EXPECT_GT(corner[2], 245);
}

TEST(Output, QualityChangesSize) {
  const size_t low = RenderOk(Photo(), "[]", R"({"format":"jpeg","quality":30})").size();
  const size_t high = RenderOk(Photo(), "[]", R"({"format":"jpeg","quality":95})").size();
  EXPECT_LT(low, high);
}

TEST(Output, ProgressiveJpegIsInterlaced) {
  const std::string out = RenderOk(Photo(), "[]", R"({"format":"jpeg","progressive":true})");
  VipsImage* image = vips_image_new_from_buffer(out.data(), out.size(), "", nullptr);
  ASSERT_NE(image, nullptr);
  int interlaced = 0;
  vips_image_get_int(image, "interlaced", &interlaced);
  EXPECT_EQ(interlaced, 1);
  g_object_unref(image);
}

TEST(Output, LosslessWebpKeepsEveryPixel) {
  const Bytes png = Save(Gradient(64, 64), ".png");
  const std::string out = RenderOk(png, "[]", R"({"lossless":true})");
  const std::string back =
      RenderOk(std::vector<uint8_t>(out.begin(), out.end()), "[]", R"({"format":"png"})");
  const std::string original = RenderOk(png, "[]", R"({"format":"png"})");
  EXPECT_EQ(PixelAt(back, 17, 33), PixelAt(original, 17, 33));
  EXPECT_EQ(Mean(back), Mean(original));
}

TEST(Output, CarriesNoExif) {
  const Bytes tagged = OrientedJpeg(200, 100, 1);
  ASSERT_TRUE(Inspect(std::string(tagged.begin(), tagged.end())).has_exif);
  for (const char* format : {"webp", "jpeg", "png", "avif"}) {
    const std::string out = RenderOk(tagged, R"({"resize":{"width":20}})",
                                     std::string(R"({"format":")") + format + "\"}");
    EXPECT_FALSE(Inspect(out).has_exif) << format;
    // Nor as raw chunks a decoder might skip (Debian's libvips 8.14.1 wrote a WebP EXIF
    // chunk even with strip set).
    EXPECT_EQ(out.find("EXIF"), std::string::npos) << format;
    EXPECT_EQ(out.find("XMP "), std::string::npos) << format;
  }
}

TEST(Output, TinyWebpIsTiny) {
  // No metadata rides along: the EXIF of the original alone would make this ~9 KB.
  const std::string out =
      RenderOk(OrientedJpeg(800, 600, 1), R"([{"resize":{"width":20}},{"blur":10}])");
  EXPECT_LT(out.size(), 1024u);
}

TEST(Colour, CmykBecomesSrgb) {
  const std::string out = RenderOk(CmykJpeg(200, 100), "[]", R"({"format":"png"})");
  const Decoded d = Inspect(out);
  EXPECT_EQ(d.bands, 3);
  EXPECT_EQ(d.interpretation, "srgb");
  const auto p = PixelAt(out, 195, 95);  // bottom right of the gradient: red and green high
  EXPECT_GT(p[0], 170);
  EXPECT_GT(p[1], 170);
}

TEST(Colour, SixteenBitBecomesEightBit) {
  VipsImage* g = Gradient(100, 100);
  VipsImage* wide = nullptr;
  ASSERT_EQ(vips_colourspace(g, &wide, VIPS_INTERPRETATION_RGB16, nullptr), 0);
  g_object_unref(g);
  const std::string out = RenderOk(Save(wide, ".png"), "[]", R"({"format":"png"})");
  const Decoded d = Inspect(out);
  EXPECT_EQ(d.interpretation, "srgb");
  EXPECT_NEAR(PixelAt(out, 99, 99)[0], 255, 2);
}

TEST(Output, ThumbhashIsJsonForTheEditedSizeAndFirstFrame) {
  auto r =
      Render(AnimatedGif(120, 80, 5), R"({"resize":{"width":60}})", R"({"format":"thumbhash"})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->content_type, "application/json");
  EXPECT_EQ(r->frames, 1);
  auto body = immagin::ParseJson(r->bytes, "body");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["width"], 60);
  EXPECT_EQ((*body)["height"], 40);
  EXPECT_EQ((*body)["dataUrl"].get<std::string>().rfind("data:image/png;base64,", 0), 0U);
  // 5 header bytes and 3 channels of AC coefficients: more than 20 characters of base64.
  EXPECT_GT((*body)["thumbhash"].get<std::string>().size(), 20U);
}

TEST(Animation, KeepsEveryFrameThroughGeometricEdits) {
  const Bytes gif = AnimatedGif(120, 80, 5);
  for (const char* format : {"webp", "gif"}) {
    auto r = Render(gif, R"([{"resize":{"width":60}},{"rotate":{"angle":90}}])",
                    std::string(R"({"format":")") + format + "\"}");
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->frames, 5);
    const Decoded d = Inspect(r->bytes);
    EXPECT_EQ(d.pages, 5) << format;
    EXPECT_EQ(d.width, 40) << format;
    EXPECT_EQ(d.height, 60) << format;
  }
}

TEST(Animation, AnimatedWebpInputKeepsItsFrameGeometry) {
  auto webp = Render(AnimatedGif(120, 80, 4), "[]", R"({"format":"webp"})");
  ASSERT_TRUE(webp.ok());
  auto r = Render(Bytes(webp->bytes.begin(), webp->bytes.end()), R"({"resize":{"width":30}})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const Decoded d = Inspect(r->bytes);
  EXPECT_EQ(d.pages, 4);
  EXPECT_EQ(d.width, 30);
  EXPECT_EQ(d.height, 20);
}

TEST(Animation, AnimatedFalseKeepsTheFirstFrameOnly) {
  const Bytes gif = AnimatedGif(120, 80, 5);
  for (const char* format : {"webp", "gif"}) {
    const std::string options = std::string(R"({"format":")") + format + "\"";
    auto first = Render(gif, R"({"resize":{"width":60}})", options + R"(,"animated":false})");
    ASSERT_TRUE(first.ok()) << first.error().ToString();
    EXPECT_EQ(first->frames, 1) << format;
    const Decoded d = Inspect(first->bytes);
    EXPECT_EQ(d.pages, 1) << format;
    EXPECT_EQ(d.height, 40) << format;
    // The frame kept is the animation's first.
    auto all = Render(gif, R"({"resize":{"width":60}})", options + "}");
    ASSERT_TRUE(all.ok());
    const auto a = PixelAt(first->bytes, 30, 20);
    const auto b = PixelAt(all->bytes, 30, 20);
    for (size_t i = 0; i < 3; ++i) EXPECT_NEAR(a[i], b[i], 12) << format << " band " << i;
  }
}

TEST(Animation, StillFormatsTakeTheFirstFrame) {
  auto r = Render(AnimatedGif(120, 80, 5), R"({"resize":{"width":60}})", R"({"format":"jpeg"})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->frames, 1);
  EXPECT_EQ(Inspect(r->bytes).height, 40);
}

TEST(Metadata, ReadsTheHeader) {
  ASSERT_TRUE(InitEngine().ok());
  auto m = ReadMetadata(OrientedJpeg(300, 200, 6), {});
  ASSERT_TRUE(m.ok()) << m.error().ToString();
  EXPECT_EQ(m->format, "jpeg");
  EXPECT_EQ(m->width, 200);  // as stored; orientation 6 says it displays as 300×200
  EXPECT_EQ(m->height, 300);
  EXPECT_EQ(m->orientation, 6);
  EXPECT_EQ(m->channels, 3);
  EXPECT_FALSE(m->has_alpha);
  EXPECT_EQ(m->space, "srgb");
  EXPECT_EQ(m->pages, 1);

  auto logo = ReadMetadata(Logo(), {});
  ASSERT_TRUE(logo.ok());
  EXPECT_EQ(logo->format, "png");
  EXPECT_TRUE(logo->has_alpha);
  EXPECT_EQ(logo->channels, 4);
  EXPECT_EQ(logo->size, Logo().size());

  auto gif = ReadMetadata(AnimatedGif(120, 80, 5), {});
  ASSERT_TRUE(gif.ok());
  EXPECT_EQ(gif->pages, 5);
  EXPECT_EQ(gif->height, 80);

  const std::string progressive =
      RenderOk(Photo(), "[]", R"({"format":"jpeg","progressive":true})");
  auto p = ReadMetadata(std::vector<uint8_t>(progressive.begin(), progressive.end()), {});
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->is_progressive);
}

TEST(Metadata, JsonHasTheSpecFields) {
  ASSERT_TRUE(InitEngine().ok());
  auto m = ReadMetadata(Photo(), {});
  ASSERT_TRUE(m.ok());
  auto json = immagin::ParseJson(ToJson(*m), "metadata");
  ASSERT_TRUE(json.ok());
  for (const char* field : {"width", "height", "format", "space", "channels", "hasAlpha",
                            "orientation", "density", "isProgressive", "pages", "size"}) {
    EXPECT_TRUE(json->contains(field)) << field;
  }
  EXPECT_EQ((*json)["width"], 640);
}

}  // namespace
}  // namespace luna::testing
