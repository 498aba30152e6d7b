#include "immagin/surrogate_key.h"

#include <gtest/gtest.h>

namespace immagin {
namespace {

// Pinned: the control plane purges by these values and the edges emit them; both link this
// file, but a change would orphan every tag already held by a CDN.
TEST(SurrogateKey, OriginalTagIsPinned) {
  EXPECT_EQ(OriginalSurrogateKey("acme", "photos/hero.jpg"), "o0c0e395941ea617984e81465d9e110ec");
  EXPECT_EQ(TenantSurrogateKey("acme"), "t-acme");
}

TEST(SurrogateKey, OriginalTagSeparatesTenantAndKey) {
  EXPECT_NE(OriginalSurrogateKey("acme", "a/b"), OriginalSurrogateKey("acme-a", "b"));
  EXPECT_NE(OriginalSurrogateKey("acme", "hero.jpg"), OriginalSurrogateKey("other", "hero.jpg"));
}

TEST(SurrogateKey, TagsAreHeaderSafe) {
  for (const std::string& tag : {OriginalSurrogateKey("acme", "ünïcode key with spaces,and;commas"),
                                 TenantSurrogateKey("acme-42")}) {
    for (char c : tag) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') << tag;
    }
  }
}

}  // namespace
}  // namespace immagin
