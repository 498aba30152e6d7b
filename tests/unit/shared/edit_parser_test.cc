#include "immagin/edit_parser.h"

#include <gtest/gtest.h>

namespace immagin {
namespace {

const auto ByIndex = [](const auto& info) { return std::to_string(info.index); };

EditList ParseOk(std::string_view json, const RequestLimits& limits = {}) {
  auto parsed = ParseJson(json, "edits");
  EXPECT_TRUE(parsed.ok()) << json;
  if (!parsed.ok()) return {};
  auto r = ParseEdits(*parsed, limits);
  EXPECT_TRUE(r.ok()) << json << " -> " << (r.ok() ? "" : r.error().ToString());
  return r.ok() ? *r : EditList{};
}

template <typename T>
T ParseOne(std::string_view json) {
  const EditList list = ParseOk(json);
  EXPECT_EQ(list.edits.size(), 1u) << json;
  if (list.edits.size() != 1 || !std::holds_alternative<T>(list.edits[0])) return T{};
  return std::get<T>(list.edits[0]);
}

std::string ParseError(std::string_view json, const RequestLimits& limits = {}) {
  auto parsed = ParseJson(json, "edits");
  if (!parsed.ok()) return "json: " + parsed.error().ToString();
  auto r = ParseEdits(*parsed, limits);
  if (r.ok()) return "accepted";
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  return r.error().ToString();
}

TEST(EditParser, NamesTheEditIndexAndFieldInErrors) {
  EXPECT_EQ(ParseError(R"([{"grayscale":true},{"blur":2},{"resize":{"width":0}}])"),
            "edits[2].resize.width: must be an integer between 1 and 16384");
}

TEST(EditParser, AcceptsOneObjectOrAnArray) {
  EXPECT_EQ(ParseOk(R"({"resize":{"width":800}})"), ParseOk(R"([{"resize":{"width":800}}])"));
  EXPECT_TRUE(ParseOk("null").edits.empty());
  EXPECT_TRUE(ParseOk("[]").edits.empty());
}

TEST(Resize, FillsDefaults) {
  const auto e = ParseOne<ResizeEdit>(R"({"resize":{"width":800}})");
  EXPECT_EQ(e.width, 800);
  EXPECT_FALSE(e.height.has_value());
  EXPECT_EQ(e.fit, Fit::kCover);
  EXPECT_EQ(e.position, Position::kCenter);
  EXPECT_EQ(e.background, kBlack);
  EXPECT_FALSE(e.upscale);
  EXPECT_TRUE(e.downscale);
}

TEST(Resize, ReadsEveryOption) {
  const auto e = ParseOne<ResizeEdit>(
      R"({"resize":{"width":800,"height":600,"fit":"contain","position":"attention",
          "background":"#ffffff","upscale":true,"downscale":false}})");
  EXPECT_EQ(e.height, 600);
  EXPECT_EQ(e.fit, Fit::kContain);
  EXPECT_EQ(e.position, Position::kAttention);
  EXPECT_EQ(e.background, kWhite);
  EXPECT_TRUE(e.upscale);
  EXPECT_FALSE(e.downscale);
}

TEST(Resize, AcceptsEveryFitAndPosition) {
  for (const auto& fit : kFitNames) {
    for (const auto& pos : kPositionNames) {
      const std::string json = R"({"resize":{"width":10,"height":10,"fit":")" +
                               std::string(fit.name) + R"(","position":")" + std::string(pos.name) +
                               R"("}})";
      const auto e = ParseOne<ResizeEdit>(json);
      EXPECT_EQ(e.fit, fit.value);
      EXPECT_EQ(e.position, pos.value);
    }
  }
}

TEST(Resize, AcceptsIntegralFloatsButNotFractions) {
  EXPECT_EQ(ParseOne<ResizeEdit>(R"({"resize":{"width":800.0}})").width, 800);
  EXPECT_EQ(ParseError(R"({"resize":{"width":800.5}})"),
            "edits[0].resize.width: must be an integer between 1 and 16384");
}

TEST(Resize, DprIsOneToFour) {
  EXPECT_EQ(ParseOne<ResizeEdit>(R"({"resize":{"width":400}})").dpr, 1.0);
  EXPECT_EQ(ParseOne<ResizeEdit>(R"({"resize":{"width":400,"dpr":2.5}})").dpr, 2.5);
  for (const char* bad :
       {R"({"resize":{"width":400,"dpr":0.5}})", R"({"resize":{"width":400,"dpr":5}})",
        R"({"resize":{"width":400,"dpr":"2x"}})"}) {
    EXPECT_EQ(ParseError(bad), "edits[0].resize.dpr: must be a number between 1 and 4") << bad;
  }
}

TEST(Resize, PositionIsANameOrAFocalPoint) {
  const auto e =
      ParseOne<ResizeEdit>(R"({"resize":{"width":4,"height":4,"position":{"x":0.25,"y":1}}})");
  ASSERT_TRUE(e.focus.has_value());
  EXPECT_EQ(e.focus->x, 0.25);
  EXPECT_EQ(e.focus->y, 1.0);
  EXPECT_FALSE(ParseOne<ResizeEdit>(R"({"resize":{"width":4,"height":4,"position":"top"}})").focus);
  EXPECT_EQ(ParseError(R"({"resize":{"width":4,"height":4,"position":{"x":1.5,"y":0}}})"),
            "edits[0].resize.position.x: must be a number between 0 and 1");
  EXPECT_EQ(ParseError(R"({"resize":{"width":4,"height":4,"position":{"x":0.5}}})"),
            "edits[0].resize.position.y: is required");
  EXPECT_EQ(ParseError(R"({"resize":{"width":4,"height":4,"position":{"x":0,"y":0,"z":0}}})"),
            "edits[0].resize.position.z: unknown option (expected one of x, y)");
}

TEST(Rotate, ReadsAngleAndBackground) {
  const auto e = ParseOne<RotateEdit>(R"({"rotate":{"angle":45,"background":"red"}})");
  EXPECT_EQ(e.angle, 45);
  EXPECT_EQ(e.background, (Rgba{255, 0, 0, 255}));
  EXPECT_EQ(ParseOne<RotateEdit>(R"({"rotate":{"angle":-721.5}})").angle, -721.5);
}

TEST(FlipFlop, TrueAppliesFalseLeavesOut) {
  const EditList list = ParseOk(R"([{"flip":true},{"flop":true},{"flip":false}])");
  ASSERT_EQ(list.edits.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<FlipEdit>(list.edits[0]));
  EXPECT_TRUE(std::holds_alternative<FlopEdit>(list.edits[1]));
}

TEST(Crop, ReadsTheRegion) {
  const auto e = ParseOne<CropEdit>(R"({"crop":{"left":100,"top":50,"width":400,"height":300}})");
  EXPECT_EQ(e, (CropEdit{100, 50, 400, 300}));
}

TEST(Extend, DefaultsSidesToZero) {
  const auto e = ParseOne<ExtendEdit>(R"({"extend":{"top":20,"background":"#ff0000"}})");
  EXPECT_EQ(e.top, 20);
  EXPECT_EQ(e.bottom, 0);
  EXPECT_EQ(e.left, 0);
  EXPECT_EQ(e.right, 0);
  EXPECT_EQ(e.background, (Rgba{255, 0, 0, 255}));
}

TEST(Trim, DefaultsToTopLeftPixelAndThresholdTen) {
  const auto e = ParseOne<TrimEdit>(R"({"trim":{}})");
  EXPECT_FALSE(e.background.has_value());
  EXPECT_EQ(e.threshold, 10);
  EXPECT_EQ(ParseOne<TrimEdit>(R"({"trim":true})"), e);
  const auto t = ParseOne<TrimEdit>(R"({"trim":{"threshold":15,"background":"white"}})");
  EXPECT_EQ(t.threshold, 15);
  EXPECT_EQ(t.background, kWhite);
}

TEST(BlurAndSharpen, AcceptNumberOrSigmaObject) {
  EXPECT_EQ(ParseOne<BlurEdit>(R"({"blur":5})").sigma, 5);
  EXPECT_EQ(ParseOne<BlurEdit>(R"({"blur":{"sigma":0.3}})").sigma, 0.3);
  EXPECT_EQ(ParseOne<BlurEdit>(R"({"blur":1000})").sigma, 1000);
  EXPECT_EQ(ParseOne<SharpenEdit>(R"({"sharpen":2})").sigma, 2);
  EXPECT_EQ(ParseOne<SharpenEdit>(R"({"sharpen":{"sigma":4.5}})").sigma, 4.5);
}

TEST(Switches, GrayscaleAndInvert) {
  EXPECT_EQ(ParseOk(R"([{"grayscale":true},{"invert":true}])").edits.size(), 2u);
  EXPECT_TRUE(ParseOk(R"([{"grayscale":false},{"invert":false}])").edits.empty());
}

TEST(Modulate, FillsNeutralDefaults) {
  const auto e = ParseOne<ModulateEdit>(R"({"modulate":{"brightness":1.2,"saturation":0.8}})");
  EXPECT_EQ(e.brightness, 1.2);
  EXPECT_EQ(e.saturation, 0.8);
  EXPECT_EQ(e.hue, 0);
  EXPECT_EQ(e.lightness, 0);
  const auto h = ParseOne<ModulateEdit>(R"({"modulate":{"hue":180,"lightness":-20}})");
  EXPECT_EQ(h.hue, 180);
  EXPECT_EQ(h.lightness, -20);
}

TEST(Tint, ReadsChannels) {
  EXPECT_EQ(ParseOne<TintEdit>(R"({"tint":{"r":255,"g":200,"b":0}})"), (TintEdit{255, 200, 0}));
}

TEST(Normalize, DefaultsToOneAndNinetyNine) {
  EXPECT_EQ(ParseOne<NormalizeEdit>(R"({"normalize":true})"), (NormalizeEdit{1, 99}));
  EXPECT_EQ(ParseOne<NormalizeEdit>(R"({"normalize":{"lower":2,"upper":98}})"),
            (NormalizeEdit{2, 98}));
  EXPECT_TRUE(ParseOk(R"({"normalize":false})").edits.empty());
}

TEST(Flatten, DefaultsToWhite) {
  EXPECT_EQ(ParseOne<FlattenEdit>(R"({"flatten":true})").background, kWhite);
  EXPECT_EQ(ParseOne<FlattenEdit>(R"({"flatten":{"background":"#000"}})").background, kBlack);
}

TEST(Text, FillsDefaults) {
  const auto e = ParseOne<TextEdit>(R"({"text":{"text":"© immagin"}})");
  EXPECT_EQ(e.text, "© immagin");
  EXPECT_EQ(e.font_size, 32);
  EXPECT_EQ(e.color, kWhite);
  EXPECT_EQ(e.opacity, 1);
  EXPECT_EQ(e.position, TextPosition::kBottomRight);
  EXPECT_EQ(e.padding, 16);
}

TEST(Text, ReadsEveryOptionAndPosition) {
  for (const auto& pos : kTextPositionNames) {
    const auto e = ParseOne<TextEdit>(
        R"({"text":{"text":"Hello\nworld","fontSize":48,"color":"white","opacity":0.8,)"
        R"("padding":40,"position":")" +
        std::string(pos.name) + R"("}})");
    EXPECT_EQ(e.position, pos.value);
    EXPECT_EQ(e.font_size, 48);
    EXPECT_EQ(e.opacity, 0.8);
    EXPECT_EQ(e.padding, 40);
    EXPECT_EQ(e.text, "Hello\nworld");
  }
}

TEST(Text, LengthLimitComesFromConfiguration) {
  RequestLimits limits;
  limits.max_text_chars = 5;
  EXPECT_EQ(ParseOk(R"({"text":{"text":"ééééé"}})", limits).edits.size(), 1u);
  EXPECT_EQ(ParseError(R"({"text":{"text":"éééééé"}})", limits),
            "edits[0].text.text: must be a string of 1 to 5 characters");
  const std::string long_text(RequestLimits{}.max_text_chars + 1, 'x');
  EXPECT_EQ(ParseError(R"({"text":{"text":")" + long_text + R"("}})"),
            "edits[0].text.text: must be a string of 1 to 256 characters");
}

TEST(AutoOrient, FalseDisablesItAndItIsNotAnEdit) {
  const EditList list = ParseOk(R"([{"autoOrient":false},{"flip":true}])");
  EXPECT_FALSE(list.auto_orient);
  EXPECT_EQ(list.edits.size(), 1u);
  EXPECT_TRUE(ParseOk(R"([{"autoOrient":true}])").auto_orient);
  EXPECT_TRUE(ParseOk("[]").auto_orient);
  EXPECT_EQ(ParseError(R"([{"autoOrient":false},{"autoOrient":true}])"),
            "edits[1].autoOrient: given twice (first at edits[0])");
  EXPECT_EQ(ParseError(R"([{"autoOrient":"no"}])"), "edits[0].autoOrient: must be true or false");
}

TEST(EditParser, EditCountLimitComesFromConfiguration) {
  RequestLimits limits;
  limits.max_edits = 2;
  EXPECT_EQ(ParseOk(R"([{"flip":true},{"flop":true}])", limits).edits.size(), 2u);
  EXPECT_EQ(ParseError(R"([{"flip":true},{"flop":true},{"flip":true}])", limits),
            "edits: at most 2 edits are allowed");
}

// Every validation path: input, then the exact error a user sees.
struct ErrorCase {
  const char* json;
  const char* error;
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.json; }

class EditErrors : public testing::TestWithParam<ErrorCase> {};

TEST_P(EditErrors, AreRejectedWithFieldAndReason) {
  EXPECT_EQ(ParseError(GetParam().json), GetParam().error) << GetParam().json;
}

INSTANTIATE_TEST_SUITE_P(
    Shape, EditErrors,
    testing::Values(
        ErrorCase{R"("resize")", "edits: must be an edit object or an array of edit objects"},
        ErrorCase{"5", "edits: must be an edit object or an array of edit objects"},
        ErrorCase{"[5]",
                  "edits[0]: must be an object with exactly one edit name, such as { \"resize\": "
                  "{ \"width\": 800 } }"},
        ErrorCase{R"([{}])",
                  "edits[0]: must be an object with exactly one edit name, such as { \"resize\": "
                  "{ \"width\": 800 } }"},
        ErrorCase{R"([{"flip":true,"flop":true}])",
                  "edits[0]: must be an object with exactly one edit name, such as { \"resize\": "
                  "{ \"width\": 800 } }"},
        ErrorCase{R"([{"flip":true},{"sepia":true}])",
                  "edits[1].sepia: unknown edit (expected one of resize, rotate, flip, flop, "
                  "crop, extend, trim, blur, sharpen, grayscale, modulate, tint, invert, "
                  "normalize, flatten, text, image, autoOrient)"}),
    ByIndex);

INSTANTIATE_TEST_SUITE_P(
    Resize, EditErrors,
    testing::Values(
        ErrorCase{R"({"resize":{}})", "edits[0].resize.width: is required"},
        ErrorCase{R"({"resize":{"height":100}})", "edits[0].resize.width: is required"},
        ErrorCase{R"({"resize":{"width":"800"}})",
                  "edits[0].resize.width: must be an integer between 1 and 16384"},
        ErrorCase{R"({"resize":{"width":16385}})",
                  "edits[0].resize.width: must be an integer between 1 and 16384"},
        ErrorCase{R"({"resize":{"width":-1}})",
                  "edits[0].resize.width: must be an integer between 1 and 16384"},
        ErrorCase{R"({"resize":{"width":100,"height":0}})",
                  "edits[0].resize.height: must be an integer between 1 and 16384"},
        ErrorCase{R"({"resize":{"width":100,"fit":"stretch"}})",
                  "edits[0].resize.fit: must be one of cover, contain, fill, inside, outside"},
        ErrorCase{R"({"resize":{"width":100,"fit":5}})",
                  "edits[0].resize.fit: must be one of cover, contain, fill, inside, outside"},
        ErrorCase{R"({"resize":{"width":100,"position":"middle"}})",
                  "edits[0].resize.position: must be one of top, right, bottom, left, center, "
                  "entropy, attention"},
        ErrorCase{R"({"resize":{"width":100,"background":12}})",
                  "edits[0].resize.background: must be a CSS colour string such as \"#ff0000\" "
                  "or \"white\""},
        ErrorCase{R"({"resize":{"width":100,"background":"#12"}})",
                  "edits[0].resize.background: invalid hex colour \"#12\" (expected #rgb, "
                  "#rgba, #rrggbb or #rrggbbaa)"},
        ErrorCase{R"({"resize":{"width":100,"upscale":"yes"}})",
                  "edits[0].resize.upscale: must be true or false"},
        ErrorCase{R"({"resize":{"width":100,"downscale":1}})",
                  "edits[0].resize.downscale: must be true or false"},
        ErrorCase{R"({"resize":{"widht":100}})",
                  "edits[0].resize.widht: unknown option (expected one of width, height, fit, "
                  "position, background, upscale, downscale, dpr)"},
        ErrorCase{R"({"resize":800})", "edits[0].resize: must be an object"}),
    ByIndex);

INSTANTIATE_TEST_SUITE_P(
    Geometry, EditErrors,
    testing::Values(
        ErrorCase{R"({"rotate":{}})", "edits[0].rotate.angle: is required"},
        ErrorCase{R"({"rotate":{"angle":"90"}})",
                  "edits[0].rotate.angle: must be a number between -1e+09 and 1e+09"},
        ErrorCase{R"({"rotate":{"angle":90,"background":"nope"}})",
                  "edits[0].rotate.background: unknown colour \"nope\" (use a CSS colour name, "
                  "#rrggbb, #rrggbbaa or rgb()/rgba())"},
        ErrorCase{R"({"flip":"true"})", "edits[0].flip: must be true or false"},
        ErrorCase{R"({"flop":1})", "edits[0].flop: must be true or false"},
        ErrorCase{R"({"crop":{"left":0,"top":0,"width":10}})", "edits[0].crop.height: is required"},
        ErrorCase{R"({"crop":{"left":-1,"top":0,"width":10,"height":10}})",
                  "edits[0].crop.left: must be an integer between 0 and 65536"},
        ErrorCase{R"({"crop":{"left":0,"top":0,"width":0,"height":10}})",
                  "edits[0].crop.width: must be an integer between 1 and 16384"},
        ErrorCase{R"({"extend":{"top":-1}})",
                  "edits[0].extend.top: must be an integer between 0 and 16384"},
        ErrorCase{R"({"extend":{"all":5}})",
                  "edits[0].extend.all: unknown option (expected one of top, bottom, left, "
                  "right, background)"},
        ErrorCase{R"({"trim":{"threshold":300}})",
                  "edits[0].trim.threshold: must be a number between 0 and 255"},
        ErrorCase{R"({"trim":"auto"})", "edits[0].trim: must be true, false or an object"}),
    ByIndex);

INSTANTIATE_TEST_SUITE_P(
    Adjustments, EditErrors,
    testing::Values(
        ErrorCase{R"({"blur":0.2})", "edits[0].blur: must be a number between 0.3 and 1000"},
        ErrorCase{R"({"blur":1001})", "edits[0].blur: must be a number between 0.3 and 1000"},
        ErrorCase{R"({"blur":true})",
                  "edits[0].blur: must be a number between 0.3 and 1000 or { sigma }"},
        ErrorCase{R"({"blur":{"radius":3}})",
                  "edits[0].blur.radius: unknown option (expected one of sigma)"},
        ErrorCase{R"({"sharpen":11})", "edits[0].sharpen: must be a number between 0.01 and 10"},
        ErrorCase{R"({"grayscale":"yes"})", "edits[0].grayscale: must be true or false"},
        ErrorCase{R"({"modulate":{"brightness":-1}})",
                  "edits[0].modulate.brightness: must be a number between 0 and 100"},
        ErrorCase{R"({"modulate":{"lightness":101}})",
                  "edits[0].modulate.lightness: must be a number between -100 and 100"},
        ErrorCase{R"({"modulate":{"contrast":2}})",
                  "edits[0].modulate.contrast: unknown option (expected one of brightness, "
                  "saturation, hue, lightness)"},
        ErrorCase{R"({"tint":{"r":255,"g":200}})", "edits[0].tint.b: is required"},
        ErrorCase{R"({"tint":{"r":256,"g":0,"b":0}})",
                  "edits[0].tint.r: must be an integer between 0 and 255"},
        ErrorCase{R"({"invert":"false"})", "edits[0].invert: must be true or false"},
        ErrorCase{R"({"normalize":{"lower":50,"upper":40}})",
                  "edits[0].normalize.lower: must be less than upper"},
        ErrorCase{R"({"normalize":{"upper":101}})",
                  "edits[0].normalize.upper: must be a number between 0 and 100"},
        ErrorCase{R"({"flatten":{"background":"#gg0000"}})",
                  "edits[0].flatten.background: invalid hex colour \"#gg0000\" (expected #rgb, "
                  "#rgba, #rrggbb or #rrggbbaa)"}),
    ByIndex);

INSTANTIATE_TEST_SUITE_P(
    Text, EditErrors,
    testing::Values(
        ErrorCase{R"({"text":{}})", "edits[0].text.text: is required"},
        ErrorCase{R"({"text":{"text":""}})",
                  "edits[0].text.text: must be a string of 1 to 256 characters"},
        ErrorCase{R"({"text":{"text":5}})",
                  "edits[0].text.text: must be a string of 1 to 256 characters"},
        ErrorCase{R"({"text":{"text":"a\u0007b"}})",
                  "edits[0].text.text: must not contain control characters other than newline"},
        ErrorCase{R"({"text":{"text":"hi","fontSize":3}})",
                  "edits[0].text.fontSize: must be an integer between 4 and 1024"},
        ErrorCase{R"({"text":{"text":"hi","opacity":1.5}})",
                  "edits[0].text.opacity: must be a number between 0 and 1"},
        ErrorCase{R"({"text":{"text":"hi","position":"top"}})",
                  "edits[0].text.position: must be one of top-left, top-center, top-right, "
                  "center-left, center, center-right, bottom-left, bottom-center, bottom-right"},
        ErrorCase{R"({"text":{"text":"hi","padding":-1}})",
                  "edits[0].text.padding: must be an integer between 0 and 16384"},
        ErrorCase{R"({"text":{"text":"hi","color":"#12345"}})",
                  "edits[0].text.color: invalid hex colour \"#12345\" (expected #rgb, #rgba, "
                  "#rrggbb or #rrggbbaa)"},
        ErrorCase{R"({"text":{"text":"hi","font":"Arial"}})",
                  "edits[0].text.font: unknown option (expected one of text, fontSize, color, "
                  "opacity, position, padding)"}),
    ByIndex);

TEST(Output, FillsDefaults) {
  auto r = ParseOutput(Json());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->format, OutputFormat::kWebp);
  EXPECT_EQ(r->quality, 90);
  EXPECT_FALSE(r->progressive);
  EXPECT_FALSE(r->lossless);
}

TEST(Output, AcceptsEveryFormat) {
  for (const auto& f : kOutputFormatNames) {
    auto r = ParseOutput(Json{{"format", f.name}, {"quality", 85}});
    ASSERT_TRUE(r.ok()) << f.name;
    EXPECT_EQ(r->format, f.value);
    EXPECT_EQ(r->quality, 85);
  }
}

TEST(Output, RejectsInvalidOptions) {
  const auto error = [](const Json& j) { return ParseOutput(j).error().ToString(); };
  EXPECT_EQ(error(Json{{"format", "bmp"}}),
            "output.format: must be one of webp, jpeg, png, avif, gif, jp2, tiff, heif, auto, "
            "thumbhash");
  EXPECT_EQ(error(Json{{"quality", 0}}), "output.quality: must be an integer between 1 and 100");
  EXPECT_EQ(error(Json{{"quality", 101}}), "output.quality: must be an integer between 1 and 100");
  EXPECT_EQ(error(Json{{"progressive", "yes"}}), "output.progressive: must be true or false");
  EXPECT_EQ(error(Json{{"lossless", 1}}), "output.lossless: must be true or false");
  EXPECT_EQ(error(Json{{"animated", "no"}}), "output.animated: must be true or false");
  EXPECT_EQ(error(Json{{"effort", 4}}),
            "output.effort: unknown option (expected one of format, quality, progressive, "
            "lossless, animated, compression)");
  EXPECT_EQ(error(Json{{"format", "heif"}, {"compression", "h264"}}),
            "output.compression: must be one of av1, hevc");
  EXPECT_EQ(error(Json::array()), "output: must be an object");
}

}  // namespace
}  // namespace immagin
