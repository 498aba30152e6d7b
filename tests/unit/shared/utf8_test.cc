#include "immagin/utf8.h"

#include <gtest/gtest.h>

#include <vector>

namespace immagin {
namespace {

TEST(Utf8, CountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("été"), 3u);
  EXPECT_EQ(Utf8Length("日本"), 2u);
  EXPECT_EQ(Utf8Length("\xf0\x9f\x93\xb7"), 1u);  // U+1F4F7 camera
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_FALSE(Utf8Length("\xc0\x80"));          // overlong NUL
  EXPECT_FALSE(Utf8Length("\xe0\x80\xaf"));      // overlong '/'
  EXPECT_FALSE(Utf8Length("\xed\xa0\x80"));      // surrogate U+D800
  EXPECT_FALSE(Utf8Length("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(Utf8Length("\xe2\x82"));          // truncated
  EXPECT_FALSE(Utf8Length("\x80"));              // stray continuation byte
  EXPECT_FALSE(Utf8Length("\xff"));
}

TEST(Utf8, IteratesCodePoints) {
  std::vector<char32_t> seen;
  ForEachCodePoint("a\xc3\xa9\xf0\x9f\x93\xb7", [&](char32_t cp) {
    seen.push_back(cp);
    return true;
  });
  EXPECT_EQ(seen, (std::vector<char32_t>{U'a', U'\u00e9', U'\U0001F4F7'}));
}

}  // namespace
}  // namespace immagin
