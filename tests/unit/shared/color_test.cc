#include "immagin/color.h"

#include <gtest/gtest.h>

namespace immagin {
namespace {

Rgba Parse(std::string_view s) {
  auto r = ParseCssColor(s, "background");
  EXPECT_TRUE(r.ok()) << s << ": " << (r.ok() ? "" : r.error().ToString());
  return r.ok() ? *r : Rgba{1, 2, 3, 4};
}

TEST(CssColor, ParsesHexForms) {
  EXPECT_EQ(Parse("#f00"), (Rgba{255, 0, 0, 255}));
  EXPECT_EQ(Parse("#f008"), (Rgba{255, 0, 0, 0x88}));
  EXPECT_EQ(Parse("#1a2B3c"), (Rgba{0x1a, 0x2b, 0x3c, 255}));
  EXPECT_EQ(Parse("#1a2b3c80"), (Rgba{0x1a, 0x2b, 0x3c, 0x80}));
}

TEST(CssColor, ParsesRgbFunctions) {
  EXPECT_EQ(Parse("rgb(255, 128, 0)"), (Rgba{255, 128, 0, 255}));
  EXPECT_EQ(Parse("rgba(255,128,0,0.5)"), (Rgba{255, 128, 0, 128}));
  EXPECT_EQ(Parse("rgb(255 128 0)"), (Rgba{255, 128, 0, 255}));
  EXPECT_EQ(Parse("rgb(255 128 0 / 25%)"), (Rgba{255, 128, 0, 64}));
  EXPECT_EQ(Parse("rgb(100%, 50%, 0%)"), (Rgba{255, 128, 0, 255}));
  EXPECT_EQ(Parse("RGBA(0, 0, 0, 0)"), (Rgba{0, 0, 0, 0}));
}

TEST(CssColor, ParsesNamedColoursCaseInsensitively) {
  EXPECT_EQ(Parse("white"), (Rgba{255, 255, 255, 255}));
  EXPECT_EQ(Parse(" Red "), (Rgba{255, 0, 0, 255}));
  EXPECT_EQ(Parse("rebeccapurple"), (Rgba{0x66, 0x33, 0x99, 255}));
  EXPECT_EQ(Parse("aliceblue"), (Rgba{0xf0, 0xf8, 0xff, 255}));
  EXPECT_EQ(Parse("yellowgreen"), (Rgba{0x9a, 0xcd, 0x32, 255}));
  EXPECT_EQ(Parse("transparent"), (Rgba{0, 0, 0, 0}));
}

TEST(CssColor, RejectsWithClearMessages) {
  struct Case {
    const char* input;
    const char* message_part;
  };
  for (const Case& c :
       {Case{"#12", "expected #rgb"}, Case{"#ggg", "invalid hex colour"},
        Case{"#1234567", "invalid hex colour"}, Case{"rgb(256,0,0)", "0-255"},
        Case{"rgb(1,2)", "expected rgb("}, Case{"rgba(1,2,3,2)", "alpha 0-1"},
        Case{"rgb(1,2,3", "missing ')'"}, Case{"rgb(1e2,0,0)", "expected rgb("},
        Case{"blurple", "unknown colour \"blurple\""}, Case{"", "must not be empty"},
        Case{"hsl(0, 100%, 50%)", "unknown colour"}}) {
    auto r = ParseCssColor(c.input, "edits[0].extend.background");
    ASSERT_FALSE(r.ok()) << c.input;
    EXPECT_EQ(r.error().field, "edits[0].extend.background");
    EXPECT_NE(r.error().message.find(c.message_part), std::string::npos)
        << c.input << " -> " << r.error().message;
  }
  EXPECT_FALSE(ParseCssColor(std::string(65, 'a'), "color").ok());
}

TEST(CssColor, CanonicalHexIsLowercaseWithAlpha) {
  EXPECT_EQ(ToHex(Rgba{255, 0, 171, 255}), "#ff00abff");
  EXPECT_EQ(ToHex(Parse("transparent")), "#00000000");
}

}  // namespace
}  // namespace immagin
