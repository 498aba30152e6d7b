// One suite per edit family, on synthetic inputs: what a user would see (sizes, colours
// where it matters), checked on the decoded output.
#include <gtest/gtest.h>

#include <cmath>

#include "render_request.h"

namespace luna::testing {
namespace {

const Bytes& Landscape() {  // 1000×500 gradient JPEG
  static const Bytes bytes = Save(Gradient(1000, 500), ".jpg", "Q=95");
  return bytes;
}

const Bytes& LosslessLandscape() {  // the same pixels as PNG, for exact colour checks
  static const Bytes bytes = Save(Gradient(1000, 500), ".png");
  return bytes;
}

void ExpectSize(const std::string& bytes, int width, int height) {
  const Decoded d = Inspect(bytes);
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.width, width);
  EXPECT_EQ(d.height, height);
}

void ExpectNear(const std::vector<double>& pixel, const std::vector<double>& expected,
                double tolerance) {
  ASSERT_GE(pixel.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(pixel[i], expected[i], tolerance) << "band " << i;
  }
}

TEST(Resize, WidthOnlyKeepsTheAspectRatio) {
  ExpectSize(RenderOk(Landscape(), R"({"resize":{"width":800}})"), 800, 400);
  ExpectSize(RenderOk(Landscape(), R"({"resize":{"width":333}})"), 333, 167);
}

TEST(Resize, DprMultipliesTheBox) {
  ExpectSize(RenderOk(Landscape(), R"({"resize":{"width":400,"dpr":2}})"), 800, 400);
  ExpectSize(RenderOk(Landscape(), R"({"resize":{"width":200,"height":200,"dpr":2.5}})"), 500, 500);
}

TEST(Resize, DprStopsAtTheOutputLimitAndTheOriginal) {
  EngineConfig config;
  config.max_output_dimension = 600;
  auto capped = Render(Landscape(), R"({"resize":{"width":400,"dpr":2}})", "{}", config);
  ASSERT_TRUE(capped.ok()) << capped.error().ToString();
  EXPECT_EQ(capped->width, 600);
  EXPECT_EQ(capped->height, 300);
  // Without upscale a 2× variant is never larger than the original.
  ExpectSize(RenderOk(Landscape(), R"({"resize":{"width":1200,"dpr":2}})"), 1000, 500);
}

TEST(Resize, CoverFillsTheBoxAndCrops) {
  ExpectSize(RenderOk(Landscape(), R"({"resize":{"width":400,"height":400}})"), 400, 400);
}

TEST(Resize, FocalPointIsKeptAsCentralAsTheCropAllows) {
  // 1000×500 → 500×250, a 250-wide crop: the point x=0.6 (red ≈ 153) lands in the middle.
  const std::string across = RenderOk(
      LosslessLandscape(), R"({"resize":{"width":250,"height":250,"position":{"x":0.6,"y":0.5}}})",
      R"({"format":"png"})");
  ExpectSize(across, 250, 250);
  ExpectNear(PixelAt(across, 125, 125), {153}, 3);
  // y=0.3 of the height (green ≈ 77) in the middle row of a 500×100 strip.
  const std::string down = RenderOk(
      LosslessLandscape(), R"({"resize":{"width":500,"height":100,"position":{"x":0.5,"y":0.3}}})",
      R"({"format":"png"})");
  ExpectSize(down, 500, 100);
  ExpectNear({PixelAt(down, 250, 50)[1]}, {77}, 3);
  // A point near the edge crops at the edge, like "left": the crop never leaves the image.
  const std::string edge = RenderOk(
      LosslessLandscape(), R"({"resize":{"width":250,"height":250,"position":{"x":0.02,"y":0.5}}})",
      R"({"format":"png"})");
  EXPECT_EQ(edge, RenderOk(LosslessLandscape(),
                           R"({"resize":{"width":250,"height":250,"position":"left"}})",
                           R"({"format":"png"})"));
}

TEST(Resize, ContainAddsBackgroundBars) {
  const std::string out =
      RenderOk(LosslessLandscape(),
               R"({"resize":{"width":400,"height":400,"fit":"contain","background":"#ff0000"}})",
               R"({"format":"png"})");
  ExpectSize(out, 400, 400);
  ExpectNear(PixelAt(out, 200, 5), {255, 0, 0}, 1);    // bar above
  ExpectNear(PixelAt(out, 200, 394), {255, 0, 0}, 1);  // bar below
  EXPECT_LT(PixelAt(out, 2, 200)[0], 40);              // image: dark red at the left edge
}

TEST(Resize, ContainPositionTopPutsTheBarsBelow) {
  const std::string out = RenderOk(
      LosslessLandscape(),
      R"({"resize":{"width":400,"height":400,"fit":"contain","position":"top","background":"blue"}})",
      R"({"format":"png"})");
  ExpectNear(PixelAt(out, 200, 390), {0, 0, 255}, 1);
  EXPECT_NEAR(PixelAt(out, 200, 2)[2], 64, 3);  // the gradient's blue, not the bar
}

TEST(Resize, FillStretchesToTheBox) {
  ExpectSize(RenderOk(Landscape(), R"({"resize":{"width":300,"height":300,"fit":"fill"}})"), 300,
             300);
}

TEST(Resize, InsideFitsWithinAndOutsideCovers) {
  ExpectSize(RenderOk(Landscape(), R"({"resize":{"width":400,"height":400,"fit":"inside"}})"), 400,
             200);
  ExpectSize(RenderOk(Landscape(), R"({"resize":{"width":400,"height":400,"fit":"outside"}})"), 800,
             400);
}

TEST(Resize, DoesNotUpscaleUnlessAsked) {
  ExpectSize(RenderOk(Landscape(), R"({"resize":{"width":2000}})"), 1000, 500);
  ExpectSize(RenderOk(Landscape(), R"({"resize":{"width":2000,"upscale":true}})"), 2000, 1000);
}

TEST(Resize, DownscaleFalseKeepsLargeImagesLarge) {
  ExpectSize(RenderOk(Landscape(), R"({"resize":{"width":500,"downscale":false}})"), 1000, 500);
}

TEST(Resize, EveryPositionCropsToTheBox) {
  for (const char* position :
       {"top", "right", "bottom", "left", "center", "entropy", "attention"}) {
    ExpectSize(
        RenderOk(Landscape(), std::string(R"({"resize":{"width":200,"height":200,"position":")") +
                                  position + R"("}})"),
        200, 200);
  }
}

TEST(Resize, PositionRightKeepsTheRightEdge) {
  const std::string right =
      RenderOk(LosslessLandscape(), R"({"resize":{"width":100,"height":100,"position":"right"}})",
               R"({"format":"png"})");
  const std::string left =
      RenderOk(LosslessLandscape(), R"({"resize":{"width":100,"height":100,"position":"left"}})",
               R"({"format":"png"})");
  EXPECT_GT(Mean(right, 0), Mean(left, 0) + 100);  // red grows to the right
}

TEST(Rotate, QuarterTurnsSwapSides) {
  ExpectSize(RenderOk(Landscape(), R"({"rotate":{"angle":90}})"), 500, 1000);
  ExpectSize(RenderOk(Landscape(), R"({"rotate":{"angle":180}})"), 1000, 500);
  ExpectSize(RenderOk(Landscape(), R"({"rotate":{"angle":-90}})"), 500, 1000);
}

TEST(Rotate, AnyAngleGrowsTheCanvasAndFillsCorners) {
  const std::string out =
      RenderOk(LosslessLandscape(), R"({"rotate":{"angle":45,"background":"#00ff00"}})",
               R"({"format":"png"})");
  const Decoded d = Inspect(out);
  EXPECT_NEAR(d.width, (1000 + 500) / std::sqrt(2.0), 3);
  ExpectNear(PixelAt(out, 1, 1), {0, 255, 0}, 2);
}

TEST(Rotate, TransparentBackgroundAddsAlpha) {
  const std::string out =
      RenderOk(LosslessLandscape(), R"({"rotate":{"angle":30,"background":"transparent"}})",
               R"({"format":"png"})");
  EXPECT_EQ(Inspect(out).bands, 4);
  EXPECT_EQ(PixelAt(out, 0, 0)[3], 0);
}

TEST(FlipFlop, MirrorTheImage) {
  const std::string flop = RenderOk(LosslessLandscape(), R"({"flop":true})", R"({"format":"png"})");
  EXPECT_NEAR(PixelAt(flop, 0, 0)[0], 255, 1);  // red was on the right
  const std::string flip = RenderOk(LosslessLandscape(), R"({"flip":true})", R"({"format":"png"})");
  EXPECT_NEAR(PixelAt(flip, 0, 0)[1], 255, 1);  // green was at the bottom
}

TEST(Crop, ExtractsTheRegion) {
  const std::string out =
      RenderOk(LosslessLandscape(), R"({"crop":{"left":100,"top":50,"width":400,"height":300}})",
               R"({"format":"png"})");
  ExpectSize(out, 400, 300);
  ExpectNear(PixelAt(out, 0, 0), {100 * 255.0 / 999, 50 * 255.0 / 499, 64}, 1.5);
}

TEST(Crop, OutsideTheImageIsTheRequestsFault) {
  auto r = Render(Landscape(), R"({"crop":{"left":900,"top":0,"width":200,"height":100}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(immagin::HttpStatus(r.error().code), 400);
  EXPECT_EQ(r.error().ToString(),
            "crop: region 200x100 at (900, 0) does not fit inside the 1000x500 image");
}

TEST(Extend, PadsEachSide) {
  const std::string out =
      RenderOk(LosslessLandscape(),
               R"({"extend":{"top":10,"bottom":20,"left":30,"right":40,"background":"#ff00ff"}})",
               R"({"format":"png"})");
  ExpectSize(out, 1070, 530);
  ExpectNear(PixelAt(out, 5, 5), {255, 0, 255}, 1);
  ExpectNear(PixelAt(out, 1065, 525), {255, 0, 255}, 1);
}

TEST(Trim, RemovesAUniformBorder) {
  const Bytes bordered = Save(Bordered(300, 200, 25, {200, 30, 30}, {255, 255, 255}), ".png");
  ExpectSize(RenderOk(bordered, R"({"trim":true})", R"({"format":"png"})"), 250, 150);
  ExpectSize(RenderOk(bordered, R"({"trim":{"background":"white","threshold":10}})",
                      R"({"format":"png"})"),
             250, 150);
}

TEST(Trim, RemovesTransparentMargins) {
  const Bytes margins = Save(WithTransparentMargin(Gradient(300, 200), 40), ".png");
  ExpectSize(RenderOk(margins, R"({"trim":{}})", R"({"format":"png"})"), 220, 120);
}

TEST(Trim, AnImageOfOnlyBackgroundIsKept) {
  const Bytes flat = Save(Bordered(100, 100, 10, {255, 255, 255}, {255, 255, 255}), ".png");
  ExpectSize(RenderOk(flat, R"({"trim":true})", R"({"format":"png"})"), 100, 100);
}

TEST(Blur, SoftensDetail) {
  const Bytes busy = Save(Bordered(200, 200, 2, {0, 0, 0}, {255, 255, 255}), ".png");
  const std::string sharp = RenderOk(busy, "[]", R"({"format":"png"})");
  const std::string soft = RenderOk(busy, R"({"blur":5})", R"({"format":"png"})");
  EXPECT_LT(StdDev(soft), StdDev(sharp));
  EXPECT_GT(PixelAt(soft, 3, 100)[0], 20);  // the white border bled inwards
}

TEST(Sharpen, AddsContrastAtEdges) {
  const Bytes soft = Save(Gradient(200, 200), ".png");
  const std::string blurred = RenderOk(soft, R"({"blur":3})", R"({"format":"png"})");
  const std::string sharpened =
      RenderOk(soft, R"([{"blur":3},{"sharpen":5}])", R"({"format":"png"})");
  EXPECT_NE(blurred, sharpened);
  ExpectSize(sharpened, 200, 200);
}

TEST(Grayscale, LeavesOneBandOfLuminance) {
  const std::string out =
      RenderOk(LosslessLandscape(), R"({"grayscale":true})", R"({"format":"png"})");
  EXPECT_EQ(Inspect(out).bands, 1);
}

TEST(Modulate, BrightnessAndSaturation) {
  const std::string base = RenderOk(LosslessLandscape(), "[]", R"({"format":"png"})");
  const std::string brighter =
      RenderOk(LosslessLandscape(), R"({"modulate":{"brightness":1.5}})", R"({"format":"png"})");
  EXPECT_GT(Mean(brighter), Mean(base) + 20);
  const std::string grey =
      RenderOk(LosslessLandscape(), R"({"modulate":{"saturation":0}})", R"({"format":"png"})");
  const auto p = PixelAt(grey, 900, 50);  // strongly red in the original
  EXPECT_NEAR(p[0], p[1], 3);
  EXPECT_NEAR(p[1], p[2], 3);
}

TEST(Modulate, HueTurnsColours) {
  const Bytes red = Save(Bordered(50, 50, 0, {220, 20, 20}, {220, 20, 20}), ".png");
  const auto turned =
      PixelAt(RenderOk(red, R"({"modulate":{"hue":120}})", R"({"format":"png"})"), 25, 25);
  EXPECT_GT(turned[1], turned[0]);  // red turned a third of the way round: green dominates
}

TEST(Tint, GivesTheTintsChroma) {
  const Bytes grey = Save(Bordered(50, 50, 0, {128, 128, 128}, {128, 128, 128}), ".png");
  const auto p =
      PixelAt(RenderOk(grey, R"({"tint":{"r":255,"g":200,"b":0}})", R"({"format":"png"})"), 25, 25);
  EXPECT_GT(p[0], p[2] + 30);  // yellowish: red and green well above blue
  EXPECT_GT(p[1], p[2] + 30);
}

TEST(Invert, NegatesColours) {
  const auto p =
      PixelAt(RenderOk(LosslessLandscape(), R"({"invert":true})", R"({"format":"png"})"), 0, 0);
  ExpectNear(p, {255, 255, 191}, 1);
}

TEST(Invert, KeepsTransparency) {
  const Bytes margins = Save(WithTransparentMargin(Gradient(100, 100), 10), ".png");
  const std::string out = RenderOk(margins, R"({"invert":true})", R"({"format":"png"})");
  EXPECT_EQ(PixelAt(out, 0, 0)[3], 0);
  EXPECT_EQ(PixelAt(out, 50, 50)[3], 255);
}

TEST(Normalize, StretchesLowContrast) {
  // A gradient squeezed into 100..150.
  VipsImage* g = Gradient(200, 200);
  VipsImage* flat = nullptr;
  ASSERT_EQ(vips_linear1(g, &flat, 50.0 / 255, 100, nullptr), 0);
  g_object_unref(g);
  VipsImage* flat8 = nullptr;
  ASSERT_EQ(vips_cast_uchar(flat, &flat8, nullptr), 0);
  g_object_unref(flat);
  flat8->Type = VIPS_INTERPRETATION_sRGB;
  const Bytes dull = Save(flat8, ".png");
  const std::string out =
      RenderOk(dull, R"({"normalize":{"lower":1,"upper":99}})", R"({"format":"png"})");
  EXPECT_GT(StdDev(out), StdDev(RenderOk(dull, "[]", R"({"format":"png"})")) * 2);
}

TEST(Flatten, MergesAlphaOntoTheBackground) {
  const Bytes margins = Save(WithTransparentMargin(Gradient(100, 100), 10), ".png");
  const std::string out =
      RenderOk(margins, R"({"flatten":{"background":"#0000ff"}})", R"({"format":"png"})");
  EXPECT_EQ(Inspect(out).bands, 3);
  ExpectNear(PixelAt(out, 2, 2), {0, 0, 255}, 1);
}

const Bytes& RedLogo() {  // 100×50, solid red
  static const Bytes bytes = Save(Bordered(100, 50, 0, {255, 0, 0}, {255, 0, 0}), ".png");
  return bytes;
}

std::string WithLogo(const std::string& edits, const std::string& output = R"({"format":"png"})",
                     const Bytes& base = LosslessLandscape()) {
  auto r = Render(base, edits, output, {}, {{"logo.png", RedLogo()}});
  EXPECT_TRUE(r.ok()) << edits << ": " << (r.ok() ? "" : r.error().ToString());
  return r.ok() ? r->bytes : std::string();
}

TEST(ImageLayer, SitsAtItsPositionWithPadding) {
  const std::string corner = WithLogo(R"({"image":{"key":"logo.png"}})");
  ExpectSize(corner, 1000, 500);
  ExpectNear(PixelAt(corner, 1000 - 16 - 50, 500 - 16 - 25), {255, 0, 0}, 2);  // bottom-right
  ExpectNear(PixelAt(corner, 1000 - 8, 500 - 8), {253, 251, 64}, 3);           // the padding
  EXPECT_LT(PixelAt(corner, 60, 60)[0], 40);                                   // the base
  const std::string top_left =
      WithLogo(R"({"image":{"key":"logo.png","position":"top-left","padding":0}})");
  ExpectNear(PixelAt(top_left, 2, 2), {255, 0, 0}, 2);
  ExpectNear(PixelAt(top_left, 99, 49), {255, 0, 0}, 2);
  EXPECT_LT(PixelAt(top_left, 102, 2)[0], 40);
}

TEST(ImageLayer, WidthScalesTheOverlayButNeverPastTheBase) {
  const std::string wide = WithLogo(R"({"image":{"key":"logo.png","width":300,"padding":0}})");
  ExpectNear(PixelAt(wide, 1000 - 290, 500 - 140), {255, 0, 0}, 2);  // 300×150 now
  // Asked for 5000 px on a 300×150 base: the overlay fits the base exactly, no larger.
  const std::string capped = WithLogo(
      R"([{"resize":{"width":300}},{"image":{"key":"logo.png","width":5000,"padding":0}}])");
  ExpectSize(capped, 300, 150);
  EXPECT_NEAR(Mean(capped, 0), 255, 2);
  EXPECT_NEAR(Mean(capped, 1), 0, 2);
}

TEST(ImageLayer, OpacityBlendsWithTheBase) {
  const std::string half =
      WithLogo(R"({"image":{"key":"logo.png","opacity":0.5,"position":"top-left","padding":0}})");
  const std::vector<double> base =
      PixelAt(RenderOk(LosslessLandscape(), "[]", R"({"format":"png"})"), 50, 25);
  const std::vector<double> blended = PixelAt(half, 50, 25);
  EXPECT_NEAR(blended[0], (base[0] + 255) / 2, 3);
  EXPECT_NEAR(blended[1], base[1] / 2, 3);
}

TEST(ImageLayer, LayersComeLastInArrayOrder) {
  // Written before the resize, composited after it: on the 200×100 output, at 16 px in.
  const std::string last = WithLogo(
      R"([{"image":{"key":"logo.png","width":40,"position":"top-left"}},{"resize":{"width":200}}])");
  ExpectSize(last, 200, 100);
  ExpectNear(PixelAt(last, 16 + 20, 16 + 10), {255, 0, 0}, 2);
  // White text over the logo shows; the logo over the text hides it.
  const std::string text_then_logo = WithLogo(
      R"([{"text":{"text":"M","fontSize":32,"position":"top-left","padding":0}},
          {"image":{"key":"logo.png","position":"top-left","padding":0}}])");
  const std::string logo_then_text = WithLogo(
      R"([{"image":{"key":"logo.png","position":"top-left","padding":0}},
          {"text":{"text":"M","fontSize":32,"position":"top-left","padding":0}}])");
  EXPECT_TRUE(text_then_logo != logo_then_text);
  EXPECT_TRUE(text_then_logo ==
              WithLogo(R"({"image":{"key":"logo.png","position":"top-left","padding":0}})"));
}

TEST(ImageLayer, EveryFrameOfAnAnimationGetsTheLogo) {
  auto r = Render(AnimatedGif(120, 80, 5), R"({"image":{"key":"logo.png","width":20}})",
                  R"({"format":"gif"})", {}, {{"logo.png", RedLogo()}});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->frames, 5);
  EXPECT_EQ(Inspect(r->bytes).pages, 5);
}

TEST(ImageLayer, AnOverlayNotSuppliedIsNotFound) {
  auto r = Render(LosslessLandscape(), R"({"image":{"key":"gone.png"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, immagin::ErrorCode::kNotFound);
  auto broken = Render(LosslessLandscape(), R"({"image":{"key":"logo.png"}})", "{}", {},
                       {{"logo.png", Bytes{'n', 'o', 'p', 'e'}}});
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("logo.png"), std::string::npos);
}

TEST(Text, DrawsInTheChosenCorner) {
  const Bytes black = Save(Bordered(400, 300, 0, {0, 0, 0}, {0, 0, 0}), ".png");
  const std::string out = RenderOk(
      black,
      R"({"text":{"text":"Hello","fontSize":40,"color":"#ff0000","position":"bottom-right","padding":10}})",
      R"({"format":"png"})");
  ExpectSize(out, 400, 300);
  EXPECT_EQ(Inspect(out).bands, 3);  // an opaque image stays opaque
  VipsImage* image = vips_image_new_from_buffer(out.data(), out.size(), "", nullptr);
  ASSERT_NE(image, nullptr);
  double top_left = 0, bottom_right = 0;
  VipsImage* tl = nullptr;
  VipsImage* br = nullptr;
  ASSERT_EQ(vips_extract_area(image, &tl, 0, 0, 200, 150, nullptr), 0);
  ASSERT_EQ(vips_extract_area(image, &br, 200, 150, 200, 150, nullptr), 0);
  vips_avg(tl, &top_left, nullptr);
  vips_avg(br, &bottom_right, nullptr);
  EXPECT_EQ(top_left, 0);
  EXPECT_GT(bottom_right, 1);
  g_object_unref(tl);
  g_object_unref(br);
  g_object_unref(image);
}

TEST(Text, OpacityScalesTheInk) {
  const Bytes black = Save(Bordered(300, 100, 0, {0, 0, 0}, {0, 0, 0}), ".png");
  const std::string full =
      RenderOk(black, R"({"text":{"text":"MMMM","fontSize":60,"position":"center"}})",
               R"({"format":"png"})");
  const std::string half =
      RenderOk(black, R"({"text":{"text":"MMMM","fontSize":60,"position":"center","opacity":0.5}})",
               R"({"format":"png"})");
  EXPECT_NEAR(Mean(half), Mean(full) / 2, Mean(full) * 0.05);
}

TEST(Text, IsCompositedAfterOtherEdits) {
  // Written first, drawn last: a later flip must not mirror the text.
  const Bytes black = Save(Bordered(300, 100, 0, {0, 0, 0}, {0, 0, 0}), ".png");
  const std::string a =
      RenderOk(black, R"([{"text":{"text":"Ab","position":"top-left"}},{"flip":true}])",
               R"({"format":"png"})");
  const std::string b =
      RenderOk(black, R"([{"flip":true},{"text":{"text":"Ab","position":"top-left"}}])",
               R"({"format":"png"})");
  EXPECT_EQ(a, b);
}

TEST(Text, HugeTextStaysWithinTheFrame) {
  const Bytes small = Save(Gradient(64, 64), ".png");
  std::string text(256, 'W');
  ExpectSize(RenderOk(small, R"({"text":{"text":")" + text + R"(","fontSize":1024}})",
                      R"({"format":"png"})"),
             64, 64);
}

TEST(AutoOrient, EveryOrientationEndsUpright) {
  const std::string upright = RenderOk(OrientedJpeg(300, 200, 1), "[]", R"({"format":"png"})");
  for (int orientation = 1; orientation <= 8; ++orientation) {
    const std::string out =
        RenderOk(OrientedJpeg(300, 200, orientation), "[]", R"({"format":"png"})");
    ExpectSize(out, 300, 200);
    const auto p = PixelAt(out, 290, 190);  // bottom right: red and green high
    EXPECT_GT(p[0], 200) << orientation;
    EXPECT_GT(p[1], 200) << orientation;
    EXPECT_NEAR(Mean(out), Mean(upright), 2) << orientation;
  }
}

TEST(AutoOrient, CanBeTurnedOff) {
  ExpectSize(RenderOk(OrientedJpeg(300, 200, 6), R"({"autoOrient":false})"), 200, 300);
}

}  // namespace
}  // namespace luna::testing
