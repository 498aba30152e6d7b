// Luna's request core without sockets: URL forms, the order of checks, format negotiation,
// ETags and usage events.
#include <gtest/gtest.h>

#include "immagin/base64url.h"
#include "immagin/surrogate_key.h"
#include "luna/delivery.h"
#include "luna/engine.h"
#include "synthetic_images.h"

namespace luna {
namespace {

constexpr int64_t kNow = 1'800'000'000;

TenantConfig Demo(TenantState state = TenantState::kActive) {
  return {"demo",
          state,
          {{"s2", std::string(32, 'n'), std::nullopt}, {"s1", std::string(32, 'o'), kNow + 60}}};
}

std::string Signed(const std::string& json, const immagin::SigningSecret& secret,
                   const std::string& tenant = "demo") {
  const std::string payload = immagin::Base64UrlEncode(json);
  return "/" + tenant + "/" + payload + "?sig=" + immagin::SignPayload(secret, tenant, payload);
}

Request Get(std::string target, std::string host = "127.0.0.1:8080") {
  Request r;
  r.method = "GET";
  r.host = std::move(host);
  r.target = std::move(target);
  r.now = kNow;
  return r;
}

// By value: the variants are temporaries.
template <typename T, typename V>
T As(const V& v) {
  EXPECT_TRUE(std::holds_alternative<T>(v));
  return std::holds_alternative<T>(v) ? std::get<T>(v) : T{};
}

TEST(Target, PathForm) {
  const auto t = As<Target>(ParseTarget(Get("/demo/eyJr?sig=abc"), ""));
  EXPECT_EQ(t.tenant, "demo");
  EXPECT_EQ(t.payload, "eyJr");
  EXPECT_EQ(t.sig, "abc");
}

TEST(Target, HostFormUnderTheCdnDomain) {
  const auto t =
      As<Target>(ParseTarget(Get("/eyJr?sig=abc", "Demo.CDN.example.com:443"), "cdn.example.com"));
  EXPECT_EQ(t.tenant, "demo");
  EXPECT_EQ(t.payload, "eyJr");
  // Another host falls back to the path form.
  EXPECT_EQ(
      As<Target>(ParseTarget(Get("/demo/eyJr?sig=abc", "localhost"), "cdn.example.com")).tenant,
      "demo");
}

TEST(Target, RefusesWhatIsNotADeliveryUrl) {
  Request post = Get("/demo/eyJr?sig=abc");
  post.method = "POST";
  const auto r405 = As<Response>(ParseTarget(post, ""));
  EXPECT_EQ(r405.status, 405);
  ASSERT_NE(r405.Header("allow"), nullptr);
  EXPECT_EQ(As<Response>(ParseTarget(Get("/demo/eyJr"), "")).status, 403);
  EXPECT_EQ(As<Response>(ParseTarget(Get("/demo/eyJr?sig=abc&w=1"), "")).status, 400);
  EXPECT_EQ(As<Response>(ParseTarget(Get("/Not_A_Tenant/eyJr?sig=a"), "")).status, 404);
  EXPECT_EQ(As<Response>(ParseTarget(Get("/demo/a/b?sig=a"), "")).status, 400);
  EXPECT_EQ(As<Response>(ParseTarget(Get("/"), "")).status, 404);
}

std::variant<Plan, Response> PrepareUrl(const Request& request, const TenantConfig& tenant) {
  auto target = ParseTarget(request, "");
  if (auto* r = std::get_if<Response>(&target)) return *r;
  return Prepare(request, std::get<Target>(target), tenant, {});
}

TEST(Prepare, VerifiesBeforeParsing) {
  // A tampered URL with an invalid payload is a 403, not a 400: nothing unsigned is parsed.
  Request r = Get("/demo/bm90IGpzb24?sig=" + std::string(43, 'A'));
  EXPECT_EQ(As<Response>(PrepareUrl(r, Demo())).status, 403);
  // Signed but invalid: now it is the payload's turn.
  const auto bad = As<Response>(PrepareUrl(Get(Signed("not json", Demo().secrets[0])), Demo()));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("\"field\":\"payload\""), std::string::npos) << bad.body;
}

TEST(Prepare, RotationExpiryAndStates) {
  const auto plan =
      As<Plan>(PrepareUrl(Get(Signed(R"({"key":"a.jpg"})", Demo().secrets[1])), Demo()));
  EXPECT_EQ(plan.secret_id, "s1");
  Request later = Get(Signed(R"({"key":"a.jpg"})", Demo().secrets[1]));
  later.now = kNow + 61;
  EXPECT_EQ(As<Response>(PrepareUrl(later, Demo())).status, 403);
  EXPECT_EQ(
      As<Response>(PrepareUrl(Get(Signed(R"({"key":"a.jpg","exp":1})", Demo().secrets[0])), Demo()))
          .status,
      410);
  const std::string ok = Signed(R"({"key":"a.jpg"})", Demo().secrets[0]);
  EXPECT_EQ(As<Response>(PrepareUrl(Get(ok), Demo(TenantState::kSuspended))).status, 403);
  EXPECT_EQ(As<Response>(PrepareUrl(Get(ok), Demo(TenantState::kOverQuota))).status, 429);
}

TEST(Prepare, AutoFormatFollowsAccept) {
  Request r = Get(Signed(R"({"key":"a.jpg","output":{"format":"auto"}})", Demo().secrets[0]));
  r.accept = "image/avif,image/webp,*/*";
  EXPECT_EQ(As<Plan>(PrepareUrl(r, Demo())).output.format, immagin::OutputFormat::kAvif);
  r.accept = "image/webp,*/*";
  const auto webp = As<Plan>(PrepareUrl(r, Demo()));
  EXPECT_EQ(webp.output.format, immagin::OutputFormat::kWebp);
  EXPECT_TRUE(webp.vary_accept);
  r.accept = "*/*";
  EXPECT_EQ(As<Plan>(PrepareUrl(r, Demo())).output.format, immagin::OutputFormat::kAuto);
}

class RenderTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitEngine().ok()); }
  const std::vector<uint8_t> jpeg_ = testing::Save(testing::Gradient(300, 200), ".jpg");
  Plan PlanFor(const std::string& json, const Request& request) {
    return As<Plan>(PrepareUrl(request, Demo()));
  }
};

TEST_F(RenderTest, ImageWithHeadersAndAUsageEvent) {
  const Request request =
      Get(Signed(R"({"key":"a.jpg","edits":{"resize":{"width":30}}})", Demo().secrets[0]));
  const Plan plan = PlanFor("", request);
  Rendered200 out = Render(request, plan, jpeg_, "v1", {});
  EXPECT_EQ(out.response.status, 200);
  EXPECT_EQ(*out.response.Header("content-type"), "image/webp");
  EXPECT_EQ(*out.response.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(*out.response.Header("content-length"), std::to_string(out.response.body.size()));
  ASSERT_TRUE(out.usage.has_value());
  EXPECT_EQ(out.usage->tenant, "demo");
  EXPECT_EQ(out.usage->transform_id, plan.transform_id);
  EXPECT_EQ(out.usage->bytes, static_cast<int64_t>(out.response.body.size()));
  EXPECT_EQ(out.usage->time, kNow);
}

TEST_F(RenderTest, EtagFollowsTheOriginalsVersionAnd304HasNoUsage) {
  Request request = Get(Signed(R"({"key":"a.jpg"})", Demo().secrets[0]));
  const Plan plan = PlanFor("", request);
  const std::string v1 = *Render(request, plan, jpeg_, "v1", {}).response.Header("etag");
  const std::string v2 = *Render(request, plan, jpeg_, "v2", {}).response.Header("etag");
  EXPECT_NE(v1, v2);
  request.if_none_match = "\"other\", " + v1;
  Rendered200 cached = Render(request, plan, jpeg_, "v1", {});
  EXPECT_EQ(cached.response.status, 304);
  EXPECT_TRUE(cached.response.body.empty());
  EXPECT_FALSE(cached.usage.has_value());
  request.if_none_match = "W/" + v1;  // weak comparison for If-None-Match
  EXPECT_EQ(Render(request, plan, jpeg_, "v1", {}).response.status, 304);
}

TEST_F(RenderTest, HeadHasNoBodyButTheLength) {
  Request request = Get(Signed(R"({"key":"a.jpg"})", Demo().secrets[0]));
  request.method = "HEAD";
  Rendered200 out = Render(request, PlanFor("", request), jpeg_, "v1", {});
  EXPECT_EQ(out.response.status, 200);
  EXPECT_TRUE(out.response.body.empty());
  EXPECT_GT(std::stoi(*out.response.Header("content-length")), 0);
}

TEST_F(RenderTest, ErrorsAreJsonAndNotCachedAndNotBilled) {
  Request request = Get(Signed(R"({"key":"a.jpg"})", Demo().secrets[0]));
  const std::string text = "not an image";
  Rendered200 out = Render(request, PlanFor("", request),
                           std::vector<uint8_t>(text.begin(), text.end()), "v1", {});
  EXPECT_EQ(out.response.status, 415);
  EXPECT_EQ(*out.response.Header("cache-control"), "no-store");
  EXPECT_EQ(*out.response.Header("content-type"), "application/json");
  EXPECT_FALSE(out.usage.has_value());
}

TEST_F(RenderTest, MetadataRequestsAnswerJson) {
  Request request = Get(Signed(R"({"key":"a.jpg","metadata":true})", Demo().secrets[0]));
  Rendered200 out = Render(request, PlanFor("", request), jpeg_, "v1", {});
  EXPECT_EQ(out.response.status, 200);
  EXPECT_EQ(*out.response.Header("content-type"), "application/json");
  EXPECT_NE(out.response.body.find("\"width\":300"), std::string::npos) << out.response.body;
  EXPECT_FALSE(out.usage.has_value());
}

}  // namespace
}  // namespace luna

namespace luna {
namespace {

TEST_F(RenderTest, ExpiringUrlIsCachedOnlyUntilItsExp) {
  const Request request = Get(Signed(R"({"key":"a.jpg","exp":)" + std::to_string(kNow + 90) +
                                         R"(,"edits":{"resize":{"width":30}}})",
                                     Demo().secrets[0]));
  const Plan plan = PlanFor("", request);
  Rendered200 out = Render(request, plan, jpeg_, "v1", {});
  ASSERT_EQ(out.response.status, 200);
  // Whole seconds left after the render, never more than were left at arrival.
  const std::string cache_control = *out.response.Header("cache-control");
  ASSERT_TRUE(cache_control.starts_with("public, max-age=")) << cache_control;
  const int max_age = std::stoi(cache_control.substr(16));
  EXPECT_LE(max_age, 89);
  EXPECT_GE(max_age, 80);
  Request again = request;
  again.if_none_match = *out.response.Header("etag");
  Rendered200 not_modified = Render(again, plan, jpeg_, "v1", {});
  EXPECT_EQ(not_modified.response.status, 304);
  EXPECT_EQ(not_modified.response.Header("cache-control")->find("immutable"), std::string::npos);
}

TEST_F(RenderTest, TransformsNameTheirOriginalAndTenantForPurges) {
  const Request request = Get(Signed(R"({"key":"a.jpg","edits":{"blur":2}})", Demo().secrets[0]));
  Rendered200 out = Render(request, PlanFor("", request), jpeg_, "v1", {});
  ASSERT_EQ(out.response.status, 200);
  const std::string original = immagin::OriginalSurrogateKey("demo", "a.jpg");
  EXPECT_EQ(*out.response.Header("xkey"), original + " t-demo");
  EXPECT_EQ(*out.response.Header("cache-tag"), original + ",t-demo");
}

}  // namespace
}  // namespace luna
