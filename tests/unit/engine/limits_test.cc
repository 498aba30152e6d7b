// Protective limits and hostile inputs: every case is a clear error status, quickly.
#include <gtest/gtest.h>

#include <chrono>

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
