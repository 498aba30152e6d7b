#include "immagin/percent_encoding.h"

#include <gtest/gtest.h>

namespace immagin {
namespace {

TEST(PercentEncoding, KeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(PercentEncode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(PercentEncode("a b+c&d"), "a%20b%2Bc%26d");
  EXPECT_EQ(PercentEncode("été"), "%C3%A9t%C3%A9");
  EXPECT_EQ(PercentEncode("a/b"), "a%2Fb");
  EXPECT_EQ(PercentEncode("photos/a b.jpg", /*keep_slash=*/true), "photos/a%20b.jpg");
}

TEST(PercentEncoding, DecodesWhatItEncodes) {
  for (const char* text : {"", "plain", "photos/été 1 & 2+3.jpg", "%", "\x01\xff"}) {
    auto back = PercentDecode(PercentEncode(text), "key");
    ASSERT_TRUE(back.ok()) << text;
    EXPECT_EQ(*back, text);
  }
  EXPECT_EQ(*PercentDecode("%c3%A9", "key"), "é");  // either case of hex
}

TEST(PercentEncoding, RejectsMalformedEscapes) {
  for (const char* bad : {"%", "%4", "a%zz", "%g1", "abc%"}) {
    auto r = PercentDecode(bad, "prefix");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().ToString(), "prefix: malformed percent-encoding");
  }
}

}  // namespace
}  // namespace immagin
