// Protective limits and hostile inputs: every case is a clear error status, quickly.
#include <gtest/gtest.h>

#include <chrono>

#include "image.h"
#include "render_limit.h"
#include "render_request.h"

namespace luna::testing {
namespace {

int StatusOf(const Bytes& original, const std::string& edits, const EngineConfig& config = {}) {
  auto r = Render(original, edits, "{}", config);
  return r.ok() ? 200 : immagin::HttpStatus(r.error().code);
}

const Bytes& Photo() {
  static const Bytes bytes = Save(Gradient(1200, 900), ".jpg");
  return bytes;
}

// What libvips reports when an allocation fails (vips_tracked_malloc's words): the server is
// short of memory, so the client should retry (503), not give up on its image (422).
TEST(Limits, AnAllocationLibvipsCouldNotMakeIsA503) {
  Photo();  // libvips started
  vips_error("vips_tracked", "out of memory --- size == %dMB", 64);
  EXPECT_EQ(immagin::HttpStatus(VipsError(immagin::ErrorCode::kUnprocessable, "encoding").code),
            503);
  vips_error("VipsJpeg", "%s", "Premature end of JPEG file");
  EXPECT_EQ(immagin::HttpStatus(VipsError(immagin::ErrorCode::kUnprocessable, "encoding").code),
            422);
}

TEST(Limits, InputBytes) {
  EngineConfig config;
  config.max_input_bytes = Photo().size() - 1;
  EXPECT_EQ(StatusOf(Photo(), "[]", config), 413);
  config.max_input_bytes = Photo().size();
  EXPECT_EQ(StatusOf(Photo(), "[]", config), 200);
}

TEST(Limits, InputPixelsFromTheHeader) {
  EngineConfig config;
  config.max_input_pixels = 1200 * 900 - 1;
  auto r = Render(Photo(), "[]", "{}", config);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(immagin::HttpStatus(r.error().code), 422);
  EXPECT_NE(r.error().message.find("1200x900"), std::string::npos) << r.error().message;
}

TEST(Limits, ImageLayersShareTheOriginalsPixelLimit) {
  const Bytes square = Save(Bordered(1000, 1000, 0, {255, 0, 0}, {255, 0, 0}), ".png");  // 1 Mpx
  const Overlays two = {{"a.png", square}, {"b.png", square}};
  EngineConfig config;
  config.max_input_pixels = 3'000'000;  // the 1.08 Mpx photo and one overlay fit, not two
  const auto status = [&](const std::string& edits) {
    auto r = Render(Photo(), edits, "{}", config, two);
    return r.ok() ? 200 : immagin::HttpStatus(r.error().code);
  };
  EXPECT_EQ(status(R"({"image":{"key":"a.png"}})"), 200);
  EXPECT_EQ(
      status(R"([{"image":{"key":"a.png"}},{"image":{"key":"a.png","position":"top-left"}}])"),
      200);  // one overlay, however many layers show it
  auto refused = Render(Photo(), R"([{"image":{"key":"a.png"}},{"image":{"key":"b.png"}}])", "{}",
                        config, two);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(immagin::HttpStatus(refused.error().code), 422);
  EXPECT_NE(refused.error().message.find("overlays"), std::string::npos) << refused.error().message;
}

TEST(Limits, FramesCountTowardsPixelsAndHaveTheirOwnLimit) {
  const Bytes gif = AnimatedGif(100, 100, 6);
  EngineConfig config;
  config.max_frames = 5;
  EXPECT_EQ(StatusOf(gif, "[]", config), 422);
  config.max_frames = 6;
  config.max_input_pixels = 100 * 100 * 6 - 1;
  EXPECT_EQ(StatusOf(gif, "[]", config), 422);
  config.max_input_pixels = 100 * 100 * 6;
  EXPECT_EQ(StatusOf(gif, "[]", config), 200);
}

TEST(Limits, OutputDimension) {
  EngineConfig config;
  config.max_output_dimension = 1000;
  EXPECT_EQ(StatusOf(Photo(), R"({"resize":{"width":1000}})", config), 200);
  EXPECT_EQ(StatusOf(Photo(), R"({"resize":{"width":1001,"upscale":true}})", config), 422);
  EXPECT_EQ(StatusOf(Photo(), R"({"extend":{"top":200}})", config), 422);
}

TEST(Limits, DeadlineCancelsTheWork) {
  EngineConfig config;
  config.deadline_ms = 1;
  const auto start = std::chrono::steady_clock::now();
  auto r = Render(Photo(), R"([{"resize":{"width":4000,"upscale":true}},{"blur":50}])",
                  R"({"format":"png"})", config);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(immagin::HttpStatus(r.error().code), 422);
  EXPECT_NE(r.error().message.find("deadline"), std::string::npos) << r.error().message;
  // The uncancelled work takes seconds; cancelled, it stops early.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 5);
}

// The bound that holds in Workers, where the clock stands still inside a call: pixels
// processed. The photo upscaled to 4000x3000 is ~26 Mpx of work (decode, resize, encode).
TEST(Limits, WorkLimitRefusesARenderBeyondItBeforeItsWork) {
  const std::string edits = R"({"resize":{"width":4000,"upscale":true}})";
  EngineConfig config;
  config.max_work_pixels = 40'000'000;
  EXPECT_EQ(StatusOf(Photo(), edits, config), 200);
  config.max_work_pixels = 20'000'000;
  const auto start = std::chrono::steady_clock::now();
  auto r = Render(Photo(), edits, R"({"format":"png"})", config);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(immagin::HttpStatus(r.error().code), 422);
  EXPECT_NE(r.error().message.find("work limit of 20000000 pixels"), std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().message.find("LUNA_MAX_WORK_PIXELS"), std::string::npos);
  // Refused from the estimate: the 12 Mpx PNG was never encoded.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 1000);
}

// An eager step (normalize's two percentiles) computes its input inside the step, twice:
// that work counts. Estimated from the steps alone the render is ~14 Mpx (decode 1.1,
// resize 4.3, normalize 4.3, encode 4.3); the two computations of the 5.4 Mpx chain
// make it ~25 Mpx.
TEST(Limits, WorkDoneByAnEagerStepCounts) {
  const std::string edits = R"([{"resize":{"width":2400,"upscale":true}},{"normalize":true}])";
  EngineConfig config;
  config.max_work_pixels = 32'000'000;
  EXPECT_EQ(StatusOf(Photo(), edits, config), 200);
  config.max_work_pixels = 18'000'000;
  auto r = Render(Photo(), edits, "{}", config);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(immagin::HttpStatus(r.error().code), 422);
  EXPECT_NE(r.error().message.find("LUNA_MAX_WORK_PIXELS"), std::string::npos) << r.error().message;
}

// A computation that runs past the work limit is cancelled where it is, not finished.
TEST(RenderLimit, CancelsAComputationPastTheWorkLimit) {
  Photo();  // libvips started
  const auto noise = [] {
    VipsImage* out = nullptr;
    EXPECT_EQ(vips_gaussnoise(&out, 4000, 4000, nullptr), 0);
    return Image(out);
  };
  const uint64_t pixels = 4000 * 4000;
  EngineConfig config;
  config.max_work_pixels = pixels / 4;
  {
    RenderLimit limit(config);
    const Image image = noise();
    limit.Watch(image, pixels);
    double mean = 0;
    EXPECT_NE(vips_avg(image.get(), &mean, nullptr), 0);  // killed
    vips_error_clear();
    ASSERT_FALSE(limit.Check().ok());
    EXPECT_NE(limit.Check().error().message.find("LUNA_MAX_WORK_PIXELS"), std::string::npos);
    EXPECT_GT(limit.work_done(), pixels / 4);
    EXPECT_LT(limit.work_done(), pixels / 2);
  }
  config.max_work_pixels = pixels;
  RenderLimit limit(config);
  const Image image = noise();
  limit.Watch(image, pixels);
  double mean = 0;
  EXPECT_EQ(vips_avg(image.get(), &mean, nullptr), 0);
  EXPECT_TRUE(limit.Check().ok());
  EXPECT_EQ(limit.work_done(), pixels);
}

TEST(Malformed, EmptyInput) {
  auto r = Render({}, "[]");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(immagin::HttpStatus(r.error().code), 415);
  EXPECT_EQ(r.error().message, "the original is empty (0 bytes)");
}

TEST(Malformed, NotAnImage) {
  const std::string text = "<html>definitely not an image</html>";
  EXPECT_EQ(StatusOf(Bytes(text.begin(), text.end()), "[]"), 415);
  Bytes noise(5000);
  for (size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<uint8_t>(i * 7919 % 251);
  EXPECT_EQ(StatusOf(noise, "[]"), 415);
}

TEST(Malformed, TruncatedJpegIsAnErrorNotAGreyPicture) {
  Bytes truncated = Photo();
  truncated.resize(truncated.size() / 2);
  EXPECT_EQ(StatusOf(truncated, R"({"resize":{"width":100}})"), 422);
}

TEST(Malformed, HeaderOnlyPng) {
  Bytes png = Save(Gradient(50, 50), ".png");
  png.resize(60);
  const int status = StatusOf(png, "[]");
  EXPECT_TRUE(status == 415 || status == 422) << status;
}

TEST(Config, ValidatesItsValues) {
  EngineConfig config;
  EXPECT_TRUE(config.Validate().ok());
  config.avif_effort = 10;
  EXPECT_EQ(config.Validate().error().ToString(), "avif_effort: must be between 0 and 9");
  config = {};
  config.deadline_ms = 0;
  EXPECT_FALSE(config.Validate().ok());
  config = {};
  config.max_work_pixels = 0;
  EXPECT_EQ(config.Validate().error().ToString(), "max_work_pixels: must be > 0");
}

TEST(Config, ReadsTheEnvironment) {
  setenv("LUNA_MAX_FRAMES", "12", 1);
  auto c = EngineConfig::FromEnvironment();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->max_frames, 12);
  setenv("LUNA_MAX_FRAMES", "twelve", 1);
  auto bad = EngineConfig::FromEnvironment();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().ToString(),
            "LUNA_MAX_FRAMES: must be an integer between 1 and 10000, got \"twelve\"");
  unsetenv("LUNA_MAX_FRAMES");
}

}  // namespace
}  // namespace luna::testing

namespace luna::testing {
namespace {

Bytes Text(std::string_view text) { return Bytes(text.begin(), text.end()); }

constexpr std::string_view kSvgHead =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">)svg";

TEST(Limits, SvgThatOnlyDrawsVectorsIsRendered) {
  const Bytes svg = Text(
      std::string(kSvgHead) +
      R"svg(<defs><linearGradient id="g"/></defs><rect id="r" width="10" height="10" fill="url(#g)"/>)svg"
      R"svg(<use xlink:href="#r"/></svg>)svg");
  EXPECT_EQ(StatusOf(svg, "[]"), 200);
}

TEST(Limits, SvgThatEmbedsOrReferencesAnythingIsRefused) {
  for (
      const std::string body : {
          R"svg(<image width="10" height="10" xlink:href="data:image/png;base64,iVBORw0KGgo="/>)svg",
          R"svg(<IMAGE width="10" height="10" href="photo.png"/>)svg",
          R"svg(<filter id="f"><feImage href="https://example.com/a.png"/></filter>)svg",
          R"svg(<use href="other.svg#x"/>)svg",
          R"svg(<use q:href = 'data:image/svg+xml,abc' xmlns:q="http://www.w3.org/1999/xlink"/>)svg",
          R"svg(<rect width="10" height="10" style="fill: url( 'https://example.com/p.svg#p')"/>)svg",
          R"svg(<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="#x"/>)svg",
      }) {
    auto r = Render(Text(std::string(kSvgHead) + body + "</svg>"), "[]", "{}", {});
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(immagin::HttpStatus(r.error().code), 422) << body;
    EXPECT_NE(r.error().message.find("SVG"), std::string::npos) << r.error().message;
  }
  const Bytes entity = Text(R"svg(<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY i "x">]>)svg" +
                            std::string(kSvgHead) + "</svg>");
  EXPECT_EQ(StatusOf(entity, "[]"), 422);
}

TEST(Limits, NoStepMayMakeAnIntermediateBeyondTheOutputLimit) {
  EngineConfig config;
  config.max_output_dimension = 2000;
  // 16384² would be computed lazily and thrown away by the final resize: refused up front.
  auto r = Render(Photo(), R"([{"resize":{"width":4000,"height":4000,"fit":"fill","upscale":true}},
                             {"resize":{"width":100}}])",
                  "{}", config);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(immagin::HttpStatus(r.error().code), 422);
  EXPECT_EQ(r.error().field, "edits");
  EXPECT_NE(r.error().message.find("4000x4000"), std::string::npos) << r.error().message;
  // Up to the output limit (or the original's own size) is fine.
  EXPECT_EQ(
      StatusOf(Photo(), R"([{"resize":{"width":2000,"height":2000,"fit":"fill","upscale":true}},
                                 {"resize":{"width":100}}])",
               config),
      200);
  EXPECT_EQ(StatusOf(Photo(), R"([{"rotate":{"angle":45}},{"resize":{"width":100}}])", config),
            200);
}

TEST(Limits, EagerStepsShareOneMemoryBudget) {
  EngineConfig config;
  config.max_eager_bytes = 4 << 20;
  const std::string layer =
      R"({"text":{"text":"WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW","fontSize":400,"position":"center"}})";
  auto r =
      Render(Photo(), "[" + layer + "," + layer + "," + layer + "," + layer + "]", "{}", config);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(immagin::HttpStatus(r.error().code), 422);
  EXPECT_NE(r.error().message.find("text layers"), std::string::npos) << r.error().message;
  EXPECT_EQ(StatusOf(Photo(), "[" + layer + "]", config), 200);
}

}  // namespace
}  // namespace luna::testing
