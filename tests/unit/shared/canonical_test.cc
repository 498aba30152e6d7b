#include "immagin/canonical.h"

#include <gtest/gtest.h>

#include "immagin/base64url.h"
#include "immagin/delivery_payload.h"
#include "immagin/transform_id.h"

namespace immagin {
namespace {

const auto ByIndex = [](const auto& info) { return std::to_string(info.index); };

// The transform id of a payload written as JSON, for the demo tenant.
std::string Id(std::string_view json, std::string_view tenant = "demo") {
  auto p = ParsePayloadJson(json, {});
  EXPECT_TRUE(p.ok()) << json << " -> " << (p.ok() ? "" : p.error().ToString());
  return p.ok() ? TransformId(tenant, *p) : "invalid";
}

struct Pair {
  const char* a;
  const char* b;
};

void PrintTo(const Pair& p, std::ostream* os) { *os << p.a << " vs " << p.b; }

class Equivalent : public testing::TestWithParam<Pair> {};

TEST_P(Equivalent, RequestsShareOneTransformId) {
  EXPECT_EQ(Id(GetParam().a), Id(GetParam().b)) << GetParam().a << "\n" << GetParam().b;
}

INSTANTIATE_TEST_SUITE_P(
    Canonical, Equivalent,
    testing::Values(
        // key order
        Pair{R"({"key":"a.jpg","edits":[{"resize":{"width":800,"height":600}}]})",
             R"({"edits":[{"resize":{"height":600,"width":800}}],"key":"a.jpg"})"},
        // defaults spelled out or omitted
        Pair{R"({"key":"a.jpg","edits":[{"resize":{"width":800,"height":600}}]})",
             R"({"key":"a.jpg","edits":[{"resize":{"width":800,"height":600,"fit":"cover",
                 "position":"center","upscale":false,"downscale":true}}],
                 "output":{"format":"webp","quality":90,"progressive":false,"lossless":false}})"},
        // one object vs a one-element array
        Pair{R"({"key":"a.jpg","edits":{"blur":5}})", R"({"key":"a.jpg","edits":[{"blur":5}]})"},
        // no edits spelled three ways
        Pair{R"({"key":"a.jpg"})", R"({"key":"a.jpg","edits":[],"output":{}})"},
        Pair{R"({"key":"a.jpg"})", R"({"key":"a.jpg","edits":null,"output":null})"},
        // number forms
        Pair{R"({"key":"a.jpg","edits":{"resize":{"width":800}}})",
             R"({"key":"a.jpg","edits":{"resize":{"width":800.0}}})"},
        Pair{R"({"key":"a.jpg","edits":{"blur":5}})",
             R"({"key":"a.jpg","edits":{"blur":{"sigma":5.0}}})"},
        // colour spellings
        Pair{R"({"key":"a.jpg","edits":{"flatten":{"background":"red"}}})",
             R"j({"key":"a.jpg","edits":{"flatten":{"background":"rgb(255, 0, 0)"}}})j"},
        Pair{R"({"key":"a.jpg","edits":{"flatten":{"background":"#f00"}}})",
             R"({"key":"a.jpg","edits":{"flatten":{"background":"#FF0000ff"}}})"},
        Pair{R"({"key":"a.jpg","edits":{"flatten":true}})",
             R"({"key":"a.jpg","edits":{"flatten":{"background":"white"}}})"},
        // disabled switches and no-ops
        Pair{R"({"key":"a.jpg","edits":[{"flip":false},{"grayscale":true}]})",
             R"({"key":"a.jpg","edits":[{"grayscale":true},{"invert":false}]})"},
        Pair{R"({"key":"a.jpg","edits":[{"rotate":{"angle":360}},{"extend":{}}]})",
             R"({"key":"a.jpg"})"},
        Pair{R"({"key":"a.jpg","edits":[{"modulate":{"brightness":1,"hue":720}}]})",
             R"({"key":"a.jpg"})"},
        Pair{R"({"key":"a.jpg","edits":[{"autoOrient":true}]})", R"({"key":"a.jpg"})"},
        // angles
        Pair{R"({"key":"a.jpg","edits":{"rotate":{"angle":450}}})",
             R"({"key":"a.jpg","edits":{"rotate":{"angle":90}}})"},
        Pair{R"({"key":"a.jpg","edits":{"rotate":{"angle":-90}}})",
             R"({"key":"a.jpg","edits":{"rotate":{"angle":270}}})"},
        Pair{R"({"key":"a.jpg","edits":{"rotate":{"angle":360.1}}})",
             R"({"key":"a.jpg","edits":{"rotate":{"angle":0.1}}})"},
        Pair{R"({"key":"a.jpg","edits":{"rotate":{"angle":90,"background":"red"}}})",
             R"({"key":"a.jpg","edits":{"rotate":{"angle":90}}})"},
        Pair{R"({"key":"a.jpg","edits":{"modulate":{"hue":-30}}})",
             R"({"key":"a.jpg","edits":{"modulate":{"hue":330}}})"},
        // options that cannot matter
        Pair{
            R"({"key":"a.jpg","edits":{"resize":{"width":800,"fit":"contain","background":"red"}}})",
            R"({"key":"a.jpg","edits":{"resize":{"width":800}}})"},
        Pair{R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8,"background":"red"}}})",
             R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8}}})"},
        Pair{
            R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8,"fit":"fill","position":"top"}}})",
            R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8,"fit":"fill"}}})"},
        Pair{R"({"key":"a.jpg","output":{"format":"webp","progressive":true}})",
             R"({"key":"a.jpg"})"},
        Pair{R"({"key":"a.jpg","output":{"format":"jpeg","lossless":true}})",
             R"({"key":"a.jpg","output":{"format":"jpeg"}})"},
        // a focal point only matters to a cover crop; its centre is the centre crop
        Pair{
            R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8,"position":{"x":0.5,"y":0.5}}}})",
            R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8}}})"},
        Pair{
            R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8,"fit":"contain","position":{"x":0.1,"y":0.9}}}})",
            R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8,"fit":"contain"}}})"},
        Pair{R"({"key":"a.jpg","edits":{"resize":{"width":8,"position":{"x":0.1,"y":0.9}}}})",
             R"({"key":"a.jpg","edits":{"resize":{"width":8}}})"},
        // text layers are composited last wherever they are written
        Pair{R"({"key":"a.jpg","edits":[{"text":{"text":"hi"}},{"resize":{"width":800}}]})",
             R"({"key":"a.jpg","edits":[{"resize":{"width":800}},{"text":{"text":"hi"}}]})"},
        // still formats have no animation to turn off
        Pair{R"({"key":"a.gif","output":{"format":"png","animated":false}})",
             R"({"key":"a.gif","output":{"format":"png"}})"},
        Pair{R"({"key":"a.gif","output":{"animated":true}})", R"({"key":"a.gif"})"},
        // compression codes HEIF only; AV1 is its default
        Pair{R"({"key":"a.jpg","output":{"format":"avif","compression":"hevc"}})",
             R"({"key":"a.jpg","output":{"format":"avif"}})"},
        Pair{R"({"key":"a.jpg","output":{"format":"heif","compression":"av1"}})",
             R"({"key":"a.jpg","output":{"format":"heif"}})"},
        // a placeholder has no encoder quality
        Pair{R"({"key":"a.jpg","output":{"format":"thumbhash","quality":40}})",
             R"({"key":"a.jpg","output":{"format":"thumbhash"}})"},
        // exp does not make a new transform
        Pair{R"({"key":"a.jpg","exp":1900000000})", R"({"key":"a.jpg"})"}),
    ByIndex);

class Different : public testing::TestWithParam<Pair> {};

TEST_P(Different, RequestsGetDifferentTransformIds) {
  EXPECT_NE(Id(GetParam().a), Id(GetParam().b)) << GetParam().a << "\n" << GetParam().b;
}

INSTANTIATE_TEST_SUITE_P(
    Canonical, Different,
    testing::Values(
        Pair{R"({"key":"a.jpg"})", R"({"key":"b.jpg"})"},
        Pair{R"({"key":"a.jpg","output":{"format":"heif"}})",
             R"({"key":"a.jpg","output":{"format":"heif","compression":"hevc"}})"},
        Pair{R"({"key":"a.jpg","edits":{"resize":{"width":800}}})",
             R"({"key":"a.jpg","edits":{"resize":{"width":801}}})"},
        Pair{R"({"key":"a.jpg","edits":[{"resize":{"width":800}},{"rotate":{"angle":45}}]})",
             R"({"key":"a.jpg","edits":[{"rotate":{"angle":45}},{"resize":{"width":800}}]})"},
        Pair{R"({"key":"a.jpg","edits":[{"text":{"text":"a"}},{"text":{"text":"b"}}]})",
             R"({"key":"a.jpg","edits":[{"text":{"text":"b"}},{"text":{"text":"a"}}]})"},
        Pair{R"({"key":"a.jpg"})", R"({"key":"a.jpg","edits":[{"autoOrient":false}]})"},
        Pair{R"({"key":"a.jpg"})", R"({"key":"a.jpg","output":{"format":"avif"}})"},
        Pair{R"({"key":"a.jpg"})", R"({"key":"a.jpg","output":{"quality":89}})"},
        Pair{R"({"key":"a.jpg"})", R"({"key":"a.jpg","metadata":true})"},
        Pair{R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8,"fit":"contain"}}})",
             R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8,"fit":"contain",
                 "background":"white"}}})"},
        Pair{R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8}}})",
             R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8,"position":"attention"}}})"},
        Pair{
            R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8,"position":{"x":0.3,"y":0.5}}}})",
            R"({"key":"a.jpg","edits":{"resize":{"width":8,"height":8,"position":{"x":0.5,"y":0.3}}}})"},
        Pair{R"({"key":"a.jpg","edits":{"rotate":{"angle":45}}})",
             R"({"key":"a.jpg","edits":{"rotate":{"angle":45,"background":"white"}}})"},
        Pair{R"({"key":"a.gif","output":{"format":"gif"}})",
             R"({"key":"a.gif","output":{"format":"gif","animated":false}})"},
        Pair{R"({"key":"a.jpg","output":{"format":"jpeg"}})",
             R"({"key":"a.jpg","output":{"format":"jpeg","progressive":true}})"}),
    ByIndex);

TEST(TransformId, DependsOnTheTenant) {
  EXPECT_NE(Id(R"({"key":"a.jpg"})", "tenant-a"), Id(R"({"key":"a.jpg"})", "tenant-b"));
}

TEST(Canonical, MovesTextLayersLastKeepingTheirOrder) {
  EditList list;
  list.edits = {TextEdit{.text = "one"}, BlurEdit{2}, TextEdit{.text = "two"}, FlipEdit{}};
  const EditList c = Canonicalize(list);
  ASSERT_EQ(c.edits.size(), 4u);
  EXPECT_TRUE(std::holds_alternative<BlurEdit>(c.edits[0]));
  EXPECT_TRUE(std::holds_alternative<FlipEdit>(c.edits[1]));
  EXPECT_EQ(std::get<TextEdit>(c.edits[2]).text, "one");
  EXPECT_EQ(std::get<TextEdit>(c.edits[3]).text, "two");
}

TEST(Canonical, JsonSpellsEveryOptionOut) {
  EditList list;
  list.edits = {ResizeEdit{.width = 800}};
  EXPECT_EQ(DumpJson(ToJson(Canonicalize(list))),
            R"([{"resize":{"background":"#000000ff","downscale":true,"fit":"cover",)"
            R"("position":"center","upscale":false,"width":800}}])");
  EXPECT_EQ(DumpJson(ToJson(OutputOptions{})),
            R"({"format":"webp","lossless":false,"progressive":false,"quality":90})");
}

TEST(Canonical, JsonIsAFixedPointOfTheParser) {
  const char* rich = R"j({"key":"photos/hero.jpg","exp":1900000000,"edits":[
      {"autoOrient":false},{"text":{"text":"© Acme","position":"top-left","opacity":0.5}},
      {"trim":{"threshold":15}},{"normalize":{"lower":1,"upper":99}},
      {"resize":{"width":600,"height":600,"fit":"contain","background":"#ffffff"}},
      {"rotate":{"angle":-45.5,"background":"rgba(0,0,0,0.5)"}},{"flip":true},{"flop":true},
      {"crop":{"left":1,"top":2,"width":3,"height":4}},{"extend":{"left":5}},
      {"blur":0.3},{"sharpen":1},{"grayscale":true},{"modulate":{"hue":90,"lightness":-5}},
      {"tint":{"r":1,"g":2,"b":3}},{"invert":true},{"flatten":{"background":"navy"}},
      {"trim":{"background":"#fff","threshold":0}}],
      "output":{"format":"jpeg","quality":80,"progressive":true}})j";
  auto first = ParsePayloadJson(rich, {});
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  const std::string canonical = CanonicalPayloadJson(*first);
  auto second = ParsePayloadJson(canonical, {});
  ASSERT_TRUE(second.ok()) << second.error().ToString() << "\n" << canonical;
  EXPECT_EQ(*second, *first);
  EXPECT_EQ(CanonicalPayloadJson(*second), canonical);
}

}  // namespace
}  // namespace immagin
