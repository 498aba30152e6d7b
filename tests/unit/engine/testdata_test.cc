// The real images of ../shared/testdata (see its MANIFEST) and the product page's examples.
// Skipped, saying why, when the folder is not beside the checkout.
#include <gtest/gtest.h>

#include <chrono>

#include "render_request.h"

namespace luna::testing {
namespace {

class Testdata : public ::testing::Test {
 protected:
  void SetUp() override {
    if (TestdataDir().empty()) {
      GTEST_SKIP() << "../shared/testdata not found beside the checkout (" << IMMAGIN_TESTDATA_DIR
                   << "); real-image tests skipped";
    }
  }
  static std::vector<double> Size(const std::string& bytes) {
    const Decoded d = Inspect(bytes);
    return {double(d.width), double(d.height)};
  }
};

TEST_F(Testdata, AllEightExifOrientationsLandUpright) {
  const std::string reference = RenderOk(ReadTestImage("exif-orientation-1.jpg"),
                                         R"({"resize":{"width":300}})", R"({"format":"png"})");
  for (int i = 1; i <= 8; ++i) {
    const std::string out =
        RenderOk(ReadTestImage("exif-orientation-" + std::to_string(i) + ".jpg"),
                 R"({"resize":{"width":300}})", R"({"format":"png"})");
    EXPECT_EQ(Size(out), (std::vector<double>{300, 200})) << i;
    // Same picture, not merely the same size: the mean colour matches the upright one.
    EXPECT_NEAR(Mean(out), Mean(reference), 3) << i;
    EXPECT_NEAR(Mean(out, 0) - Mean(out, 2), Mean(reference, 0) - Mean(reference, 2), 3) << i;
  }
}

TEST_F(Testdata, EveryInputFormatDecodes) {
  for (const char* name : {"lossy.webp", "png-16bit-rgb.png", "png-palette.png",
                           "uncompressed.tiff", "avif-orientation-6.avif", "commons-logo.svg",
                           "progressive-2560x1600-cups.jpg", "alpha-logo-1689x1800.png"}) {
    auto r = Render(ReadTestImage(name), R"({"resize":{"width":200}})");
    ASSERT_TRUE(r.ok()) << name << ": " << r.error().ToString();
    EXPECT_EQ(r->width, 200) << name;
  }
}

TEST_F(Testdata, AnimatedGifKeepsAll44Frames) {
  auto r = Render(ReadTestImage("animated-44frames.gif"), R"({"resize":{"width":200}})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->frames, 44);
  const Decoded d = Inspect(r->bytes);
  EXPECT_EQ(d.pages, 44);
  EXPECT_EQ(d.width, 200);
  EXPECT_EQ(d.height, 200);
}

TEST_F(Testdata, TheBombIsRefusedFromItsHeaderQuickly) {
  const auto start = std::chrono::steady_clock::now();
  auto r =
      Render(ReadTestImage("bomb-header-100000x100000-rgba.png"), R"({"resize":{"width":100}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(immagin::HttpStatus(r.error().code), 422);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(Testdata, MalformedFilesAreClearErrors) {
  EXPECT_EQ(
      immagin::HttpStatus(Render(ReadTestImage("malformed-zero-bytes.jpg"), "[]").error().code),
      415);
  auto truncated = Render(ReadTestImage("malformed-truncated.jpg"), R"({"resize":{"width":400}})");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(immagin::HttpStatus(truncated.error().code), 422);
}

// Steps that read pixels while the edits are applied (normalize's histogram, trim's search,
// smart crops) meet a broken original before the encoder does: still the input's fault.
TEST_F(Testdata, TruncatedOriginalIsUnprocessableInEagerSteps) {
  const auto truncated = ReadTestImage("malformed-truncated.jpg");
  for (const char* edits : {R"([{"resize":{"width":742}},{"normalize":{"lower":2,"upper":98}}])",
                            R"([{"resize":{"width":500}},{"trim":{"threshold":12}}])",
                            R"({"resize":{"width":300,"height":300,"position":"attention"}})"}) {
    auto r = Render(truncated, edits, R"({"format":"avif"})");
    ASSERT_FALSE(r.ok()) << edits;
    EXPECT_EQ(immagin::HttpStatus(r.error().code), 422) << edits << ": " << r.error().ToString();
  }
}

TEST_F(Testdata, TrimOnAlphaFindsTheHandwriting) {
  auto r = Render(ReadTestImage("alpha-text-transparent-borders.png"), R"({"trim":true})",
                  R"({"format":"png"})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_LT(r->width, 2048);
  EXPECT_LT(r->height, 1536);
}

TEST_F(Testdata, JpegOfAnAlphaLogoIsFlattenedOnWhite) {
  const std::string out = RenderOk(ReadTestImage("alpha-logo-1689x1800.png"),
                                   R"({"resize":{"width":400}})", R"({"format":"jpeg"})");
  const auto corner = PixelAt(out, 1, 1);
  EXPECT_GT(corner[0], 245);
}

TEST_F(Testdata, ResponsiveWidths) {
  for (const int w : {400, 800, 1200, 1600}) {
    auto r = Render(ReadTestImage("photo-4032x3024-olympus-ep3.jpg"),
                    R"({"resize":{"width":)" + std::to_string(w) + "}}");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->width, w);
    EXPECT_EQ(r->height, w * 3 / 4);
  }
}

TEST_F(Testdata, OgImageIs1200x630WithItsTitle) {
  const Bytes photo = ReadTestImage("photo-2725x2225-sharp-bench.jpg");
  const std::string plain = RenderOk(
      photo, R"({"resize":{"width":1200,"height":630,"fit":"cover"}})", R"({"format":"png"})");
  const std::string titled = RenderOk(
      photo,
      R"([{"resize":{"width":1200,"height":630,"fit":"cover"}},{"text":{"text":"Shipping images at the edge","fontSize":48,"position":"bottom-left","color":"white","padding":40}}])",
      R"({"format":"png"})");
  EXPECT_EQ(Size(titled), (std::vector<double>{1200, 630}));
  EXPECT_GT(Mean(titled), Mean(plain));  // white ink added
}

TEST_F(Testdata, AvatarIs256SquareAroundTheFace) {
  auto r = Render(ReadTestImage("face-portrait.jpg"),
                  R"({"resize":{"width":256,"height":256,"fit":"cover","position":"attention"}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->width, 256);
  EXPECT_EQ(r->height, 256);
}

TEST_F(Testdata, GalleryThumbnailIs300Square) {
  auto r = Render(ReadTestImage("lossy.webp"),
                  R"([{"resize":{"width":300,"height":300}},{"sharpen":1}])");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->width, 300);
  EXPECT_EQ(r->height, 300);
}

TEST_F(Testdata, LqipIsTwentyPixelsAndUnderOneKilobyte) {
  auto r = Render(ReadTestImage("photo-4032x3024-olympus-ep3.jpg"),
                  R"([{"resize":{"width":20}},{"blur":10}])");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->width, 20);
  EXPECT_LT(r->bytes.size(), 1024u);
}

TEST_F(Testdata, ProductShotIsTrimmedNormalizedAndContainedOnWhite) {
  const Bytes product = ReadTestImage("product-on-white.jpg");
  const std::string out = RenderOk(
      product,
      R"([{"trim":{"threshold":15}},{"normalize":{"lower":1,"upper":99}},{"resize":{"width":600,"height":600,"fit":"contain","background":"#ffffff"}},{"sharpen":1}])",
      R"({"format":"png"})");
  EXPECT_EQ(Size(out), (std::vector<double>{600, 600}));
  // Trimmed first, so the object fills the width and the bars are white.
  const auto corner = PixelAt(out, 2, 2);
  EXPECT_GT(corner[0], 250);
  EXPECT_GT(corner[1], 250);
  EXPECT_GT(corner[2], 250);
  EXPECT_LT(Mean(out), 250);  // the object is there
}

}  // namespace
}  // namespace luna::testing
