#include "immagin/base64url.h"

#include <gtest/gtest.h>

namespace immagin {
namespace {

TEST(Base64Url, EncodesRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(std::string_view("")), "");
  EXPECT_EQ(Base64UrlEncode(std::string_view("f")), "Zg");
  EXPECT_EQ(Base64UrlEncode(std::string_view("fo")), "Zm8");
  EXPECT_EQ(Base64UrlEncode(std::string_view("foo")), "Zm9v");
  EXPECT_EQ(Base64UrlEncode(std::string_view("foob")), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode(std::string_view("fooba")), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode(std::string_view("foobar")), "Zm9vYmFy");
}

TEST(Base64, EncodesRfc4648VectorsWithPaddingAndTheStandardAlphabet) {
  const auto encode = [](std::string_view s) {
    return Base64Encode(std::span(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
  };
  EXPECT_EQ(encode(""), "");
  EXPECT_EQ(encode("f"), "Zg==");
  EXPECT_EQ(encode("fo"), "Zm8=");
  EXPECT_EQ(encode("foo"), "Zm9v");
  EXPECT_EQ(encode("foob"), "Zm9vYg==");
  EXPECT_EQ(encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(encode(std::string_view("\xfb\xff\xbf", 3)), "+/+/");
}

TEST(Base64Url, UsesTheUrlSafeAlphabet) {
  EXPECT_EQ(Base64UrlEncode(std::string_view("\xfb\xff\xbf", 3)), "-_-_");
  EXPECT_EQ(*Base64UrlDecode("-_-_"), std::string("\xfb\xff\xbf", 3));
}

TEST(Base64Url, RoundTripsEveryLengthAndByte) {
  std::string bytes;
  for (int n = 0; n < 300; ++n) {
    auto decoded = Base64UrlDecode(Base64UrlEncode(bytes));
    ASSERT_TRUE(decoded.ok()) << n;
    EXPECT_EQ(*decoded, bytes);
    bytes += static_cast<char>((n * 37 + 11) & 0xff);
  }
}

TEST(Base64Url, RejectsPadding) {
  auto r = Base64UrlDecode("Zg==", "payload");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field, "payload");
}

TEST(Base64Url, RejectsTheStandardAlphabetAndStrayCharacters) {
  EXPECT_FALSE(Base64UrlDecode("ab+c").ok());
  EXPECT_FALSE(Base64UrlDecode("ab/c").ok());
  EXPECT_FALSE(Base64UrlDecode("ab c").ok());
  EXPECT_FALSE(Base64UrlDecode(std::string_view("ab\0c", 4)).ok());
  EXPECT_EQ(Base64UrlDecode("ab.c").error().message, "invalid base64url character at offset 2");
}

TEST(Base64Url, RejectsImpossibleLength) {
  EXPECT_FALSE(Base64UrlDecode("Zm9vY").ok());
  EXPECT_FALSE(Base64UrlDecode("A").ok());
}

TEST(Base64Url, RejectsNonCanonicalTrailingBits) {
  // "Zg" and "Zh" would both decode to "f"; only the encoder's form is accepted.
  EXPECT_TRUE(Base64UrlDecode("Zg").ok());
  EXPECT_FALSE(Base64UrlDecode("Zh").ok());
  EXPECT_TRUE(Base64UrlDecode("Zm8").ok());
  EXPECT_FALSE(Base64UrlDecode("Zm9").ok());
}

}  // namespace
}  // namespace immagin
