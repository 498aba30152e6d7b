#include "immagin/transform_id.h"

#include <gtest/gtest.h>

#include "immagin/delivery_payload.h"

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

// Pinned: the transform id is every CDN cache key, ETag and usage record already out there,
// so a change to the canonical form (or to what it hashes) must show up here, not re-key
// them silently. Equivalent requests share a row's canonical form and id.
struct Golden {
  const char* tenant;
  const char* payload;
  const char* canonical;
  const char* id;
};

constexpr Golden kGolden[] = {
    // dpr 1 is the default: left out of the canonical form, so ids from before dpr hold.
    {"demo", R"({"key":"a.jpg","edits":[{"resize":{"width":400,"dpr":1}}]})",
     R"({"edits":[{"resize":{"background":"#000000ff","downscale":true,"fit":"cover","position":"center","upscale":false,"width":400}}],"key":"a.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "a50838f49da4ce10a3e986f8f7d03da8"},
    {"demo", R"({"key":"a.jpg","edits":[{"resize":{"width":400,"dpr":2}}]})",
     R"({"edits":[{"resize":{"background":"#000000ff","downscale":true,"dpr":2.0,"fit":"cover","position":"center","upscale":false,"width":400}}],"key":"a.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "fff69613caa142eec23e9cf46f241f9b"},
    // A focal point spells the point in place of the named position.
    {"demo",
     R"({"key":"a.jpg","edits":[{"resize":{"width":400,"height":400,"position":{"y":0.25,"x":0.75}}}]})",
     R"({"edits":[{"resize":{"background":"#000000ff","downscale":true,"fit":"cover","height":400,"position":{"x":0.75,"y":0.25},"upscale":false,"width":400}}],"key":"a.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "6386e6aff71111a30018a16fa948b6dc"},
    {"demo", R"({"key":"hero.jpg"})",
     R"({"edits":[],"key":"hero.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "540f27c85d4cffd95dd604a6e2473032"},
    {"demo", R"({"key":"hero.jpg","edits":[],"output":{}})",
     R"({"edits":[],"key":"hero.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "540f27c85d4cffd95dd604a6e2473032"},
    {"acme", R"({"key":"hero.jpg"})",
     R"({"edits":[],"key":"hero.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "dda3394df5773ae1db7411f377750cb9"},
    {"demo", R"({"key":"photos/ünï code.png","edits":{"resize":{"width":800}}})",
     R"({"edits":[{"resize":{"background":"#000000ff","downscale":true,"fit":"cover","position":"center","upscale":false,"width":800}}],"key":"photos/ünï code.png","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "9c6e92b21486a7d86f20dbe109ae5df7"},
    {"demo", R"({"key":"a.jpg","edits":[{"resize":{"width":800}}]})",
     R"({"edits":[{"resize":{"background":"#000000ff","downscale":true,"fit":"cover","position":"center","upscale":false,"width":800}}],"key":"a.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "37f2b6dd055b031b05a850daa1083852"},
    {"demo",
     R"({"key":"a.jpg","edits":[{"resize":{"width":800,"fit":"contain","position":"top"}}]})",
     R"({"edits":[{"resize":{"background":"#000000ff","downscale":true,"fit":"cover","position":"center","upscale":false,"width":800}}],"key":"a.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "37f2b6dd055b031b05a850daa1083852"},
    {"demo",
     R"({"key":"a.jpg","edits":[{"resize":{"width":400,"height":300,"fit":"contain","background":"red"}}]})",
     R"({"edits":[{"resize":{"background":"#ff0000ff","downscale":true,"fit":"contain","height":300,"position":"center","upscale":false,"width":400}}],"key":"a.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "b9ab42be2f68af640109b8ede7665735"},
    {"demo", R"({"key":"a.jpg","edits":[{"rotate":{"angle":450,"background":"blue"}}]})",
     R"({"edits":[{"rotate":{"angle":90.0,"background":"#000000ff"}}],"key":"a.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "f830bdff206e3cfc98f0086c1f663a7d"},
    {"demo", R"({"key":"a.jpg","edits":[{"rotate":{"angle":-30}},{"modulate":{"hue":370}}]})",
     R"({"edits":[{"rotate":{"angle":330.0,"background":"#000000ff"}},{"modulate":{"brightness":1.0,"hue":10.0,"lightness":0.0,"saturation":1.0}}],"key":"a.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "4a356c1ac7f316738b6a7e825ea8bf4c"},
    {"demo",
     R"({"key":"a.jpg","edits":[{"text":{"text":"hi"}},{"blur":3},{"rotate":{"angle":0}}]})",
     R"({"edits":[{"blur":3.0},{"text":{"color":"#ffffffff","fontSize":32,"opacity":1.0,"padding":16,"position":"bottom-right","text":"hi"}}],"key":"a.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "791726555135224709bf44b2a6c2af34"},
    {"demo", R"({"key":"a.jpg","edits":[{"blur":3},{"text":{"text":"hi"}}]})",
     R"({"edits":[{"blur":3.0},{"text":{"color":"#ffffffff","fontSize":32,"opacity":1.0,"padding":16,"position":"bottom-right","text":"hi"}}],"key":"a.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "791726555135224709bf44b2a6c2af34"},
    {"demo", R"({"key":"a.jpg","output":{"format":"jpeg","quality":80,"progressive":true}})",
     R"({"edits":[],"key":"a.jpg","output":{"format":"jpeg","lossless":false,"progressive":true,"quality":80}})",
     "5a781c913f042a5c6dcd2f5cd9c76966"},
    {"demo", R"({"key":"a.jpg","output":{"format":"webp","progressive":true,"lossless":true}})",
     R"({"edits":[],"key":"a.jpg","output":{"format":"webp","lossless":true,"progressive":false,"quality":90}})",
     "ff5cfd965b96c5d970a3672f48487127"},
    {"demo", R"({"key":"a.jpg","edits":[{"resize":{"width":100}}],"exp":1900000000})",
     R"({"edits":[{"resize":{"background":"#000000ff","downscale":true,"fit":"cover","position":"center","upscale":false,"width":100}}],"key":"a.jpg","output":{"format":"webp","lossless":false,"progressive":false,"quality":90}})",
     "7cab18351a7e03cbc314b05339694d92"},
    {"demo", R"({"key":"a.jpg","metadata":true})", R"({"key":"a.jpg","metadata":true})",
     "5191c2696861551d62d6628ddf787f3a"},
};

TEST(TransformId, GoldenCanonicalFormsAndIds) {
  for (const Golden& g : kGolden) {
    auto payload = ParsePayloadJson(g.payload, RequestLimits{});
    ASSERT_TRUE(payload.ok()) << g.payload << ": " << payload.error().ToString();
    DeliveryPayload timeless = *payload;
    timeless.exp.reset();
    EXPECT_EQ(CanonicalPayloadJson(timeless), g.canonical) << g.payload;
    EXPECT_EQ(TransformId(g.tenant, *payload), g.id) << g.payload;
  }
}

}  // namespace
}  // namespace immagin
