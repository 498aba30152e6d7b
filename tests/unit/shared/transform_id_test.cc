#include "immagin/transform_id.h"

#include <gtest/gtest.h>

namespace immagin {
namespace {

TEST(TransformId, IsThirtyTwoLowercaseHexCharacters) {
  DeliveryPayload p;
  p.key = "hero.jpg";
  const std::string id = TransformId("demo", p);
  ASSERT_EQ(id.size(), 32u);
  for (const char c : id) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << id;
}

TEST(TransformId, IgnoresExpiry) {
  DeliveryPayload a;
  a.key = "hero.jpg";
  DeliveryPayload b = a;
  b.exp = 1'900'000'000;
  EXPECT_EQ(TransformId("demo", a), TransformId("demo", b));
}

TEST(TransformId, ChangesWithKeyTenantEditsAndOutput) {
  DeliveryPayload base;
  base.key = "hero.jpg";
  const std::string id = TransformId("demo", base);
  DeliveryPayload other_key = base;
  other_key.key = "hero2.jpg";
  DeliveryPayload edited = base;
  edited.edits.edits.push_back(BlurEdit{3});
  DeliveryPayload jpeg = base;
  jpeg.output.format = OutputFormat::kJpeg;
  EXPECT_NE(TransformId("demo", other_key), id);
  EXPECT_NE(TransformId("demo2", base), id);
  EXPECT_NE(TransformId("demo", edited), id);
  EXPECT_NE(TransformId("demo", jpeg), id);
}

}  // namespace
}  // namespace immagin
