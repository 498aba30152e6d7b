#include "immagin/image_key.h"

#include <gtest/gtest.h>

namespace immagin {
namespace {

TEST(ImageKey, AcceptsOrdinaryKeys) {
  for (const char* key : {"hero.jpg", "users/42/avatar.png", "photos/été/plage.jpg", "a b (1).JPG",
                          "gallery/.hidden.png", "x..y.png", "日本.webp"}) {
    EXPECT_TRUE(ValidateImageKey(key).ok()) << key;
  }
}

TEST(ImageKey, AcceptsExactlyTheLengthLimit) {
  EXPECT_TRUE(ValidateImageKey(std::string(kMaxImageKeyBytes, 'a')).ok());
  const Status s = ValidateImageKey(std::string(kMaxImageKeyBytes + 1, 'a'));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().ToString(), "key: must be at most 1024 bytes");
}

TEST(ImageKey, RejectsPathTricks) {
  for (const char* key : {"/etc/passwd", "..", "../secret.jpg", "a/../b.jpg", "a/..", "./a.jpg",
                          "a/./b.jpg", "a//b.jpg", "a/", "dir\\file.jpg"}) {
    const Status s = ValidateImageKey(key);
    EXPECT_FALSE(s.ok()) << key;
    if (!s.ok()) EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(ImageKey, RejectsEmptyControlCharactersAndBadUtf8) {
  EXPECT_EQ(ValidateImageKey("").error().message, "must not be empty");
  EXPECT_FALSE(ValidateImageKey("a\x01.jpg").ok());
  EXPECT_FALSE(ValidateImageKey("a\n.jpg").ok());
  EXPECT_FALSE(ValidateImageKey("a\x7f.jpg").ok());
  EXPECT_FALSE(ValidateImageKey("a\xc2\x85.jpg").ok());  // U+0085, a C1 control
  EXPECT_FALSE(ValidateImageKey(std::string_view("a\0b", 3)).ok());
  EXPECT_EQ(ValidateImageKey("\xff.jpg", "images[0].key").error().ToString(),
            "images[0].key: must be valid UTF-8");
}

}  // namespace
}  // namespace immagin

namespace immagin {
namespace {

TEST(ImageKeyPrefix, AcceptsTheStartOfAnyValidKey) {
  for (const char* prefix :
       {"", "a", "photos/", "photos/2026/", "photos/he", "x..y", ".hid", "gallery/.h", "été/"}) {
    EXPECT_TRUE(ValidateImageKeyPrefix(prefix).ok()) << prefix;
  }
  EXPECT_TRUE(ValidateImageKeyPrefix(std::string(kMaxImageKeyBytes, 'a')).ok());
}

TEST(ImageKeyPrefix, RejectsEveryWayOutOfTheProject) {
  for (const char* prefix : {"..", "../", "../../", "a/../../", "a/..", ".", "./", "a/./", "/",
                             "//x", "/etc/", "a//", "a//b", "a\\b", "\\..\\", "a\nb"}) {
    const Status s = ValidateImageKeyPrefix(prefix);
    ASSERT_FALSE(s.ok()) << prefix;
    EXPECT_EQ(s.error().field, "prefix");
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(ValidateImageKeyPrefix(std::string(kMaxImageKeyBytes + 1, 'a')).ok());
  EXPECT_FALSE(ValidateImageKeyPrefix(std::string("a\0b", 3)).ok());
}

}  // namespace
}  // namespace immagin
