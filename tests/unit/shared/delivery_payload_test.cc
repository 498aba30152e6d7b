#include "immagin/delivery_payload.h"

#include <gtest/gtest.h>

#include "immagin/base64url.h"

namespace immagin {
namespace {

std::string B64(std::string_view json) { return Base64UrlEncode(json); }

std::string DecodeError(std::string_view payload, const RequestLimits& limits = {}) {
  auto r = DecodePayload(payload, limits);
  if (r.ok()) return "accepted";
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  return r.error().ToString();
}

TEST(DeliveryPayload, DecodesTheProductPageExample) {
  auto p = DecodePayload(
      B64(R"({"key":"hero.jpg","edits":[{"resize":{"width":800,"height":600}}]})"), {});
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_EQ(p->key, "hero.jpg");
  ASSERT_EQ(p->edits.edits.size(), 1u);
  EXPECT_EQ(std::get<ResizeEdit>(p->edits.edits[0]).height, 600);
  EXPECT_EQ(p->output.format, OutputFormat::kWebp);
  EXPECT_EQ(p->output.quality, 90);
  EXPECT_FALSE(p->metadata);
  EXPECT_FALSE(p->exp.has_value());
}

TEST(DeliveryPayload, EncodeDecodeRoundTrips) {
  DeliveryPayload p;
  p.key = "photos/été.jpg";
  p.edits.edits = {
      ResizeEdit{.width = 400, .height = 300, .fit = Fit::kContain, .background = kWhite},
      SharpenEdit{1}, TextEdit{.text = "© ü"}};
  p.edits.auto_orient = false;
  p.output = {OutputFormat::kAvif, 60, false, true};
  p.exp = 1'900'000'000;
  auto back = DecodePayload(EncodePayload(p), {});
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(*back, p);
}

TEST(DeliveryPayload, MetadataRequestsCarryNoEdits) {
  auto p = DecodePayload(B64(R"({"key":"hero.jpg","metadata":true})"), {});
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->metadata);
  EXPECT_EQ(CanonicalPayloadJson(*p), R"({"key":"hero.jpg","metadata":true})");
  EXPECT_EQ(DecodeError(B64(R"({"key":"a.jpg","metadata":true,"edits":[{"blur":1}]})")),
            "edits: must be absent for a metadata request");
  EXPECT_EQ(DecodeError(B64(R"({"key":"a.jpg","metadata":true,"output":{"format":"png"}})")),
            "output: must be absent for a metadata request");
  EXPECT_EQ(DecodeError(B64(R"({"key":"a.jpg","metadata":"yes"})")),
            "metadata: must be true or false");
}

TEST(DeliveryPayload, ReadsExpiry) {
  auto p = DecodePayload(B64(R"({"key":"a.jpg","exp":1900000000})"), {});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->exp, 1'900'000'000);
  EXPECT_EQ(DecodeError(B64(R"({"key":"a.jpg","exp":-1})")),
            "exp: must be an integer number of unix seconds");
  EXPECT_EQ(DecodeError(B64(R"({"key":"a.jpg","exp":"soon"})")),
            "exp: must be an integer number of unix seconds");
}

TEST(DeliveryPayload, RejectsBadEnvelopes) {
  EXPECT_EQ(DecodeError(""), "payload: is empty");
  EXPECT_EQ(DecodeError("eyJr*A"), "payload: invalid base64url character at offset 4");
  EXPECT_EQ(DecodeError(B64("not json")), "payload: invalid JSON");
  EXPECT_EQ(DecodeError(B64(R"(["hero.jpg"])")), "payload: must be a JSON object");
  EXPECT_EQ(DecodeError(B64(R"({"edits":[]})")), "key: is required");
  EXPECT_EQ(DecodeError(B64(R"({"key":42})")), "key: must be a string");
  EXPECT_EQ(DecodeError(B64(R"({"key":"../x.jpg"})")),
            "key: must not contain '.' or '..' path segments");
  EXPECT_EQ(DecodeError(B64(R"({"key":"a.jpg","Key":"b.jpg"})")),
            "Key: unknown payload member (expected key, edits, output, metadata or exp)");
  EXPECT_EQ(DecodeError(B64(R"({"key":"a.jpg","key":"b.jpg"})")),
            "payload: invalid JSON: duplicate key \"key\"");
}

TEST(DeliveryPayload, ErrorsInsideEditsAndOutputKeepTheirPath) {
  EXPECT_EQ(
      DecodeError(B64(R"({"key":"a.jpg","edits":[{"blur":2},{"tint":{"r":300,"g":0,"b":0}}]})")),
      "edits[1].tint.r: must be an integer between 0 and 255");
  EXPECT_EQ(DecodeError(B64(R"({"key":"a.jpg","output":{"format":"bmp"}})")),
            "output.format: must be one of webp, jpeg, png, avif, gif, jp2, tiff, heif, auto, "
            "thumbhash");
}

TEST(DeliveryPayload, LengthLimitComesFromConfiguration) {
  RequestLimits limits;
  limits.max_payload_chars = 16;
  EXPECT_EQ(DecodeError(B64(R"({"key":"a-rather-long-key.jpg"})"), limits),
            "payload: longer than 16 characters");
  EXPECT_EQ(DecodeError(B64(R"({"key":"a.jpg"})"), limits).substr(0, 8), "payload:")
      << "a 20-character payload is over the limit too";
  limits.max_payload_chars = 24;
  EXPECT_EQ(DecodeError(B64(R"({"key":"a.jpg"})"), limits), "accepted");
}

}  // namespace
}  // namespace immagin
