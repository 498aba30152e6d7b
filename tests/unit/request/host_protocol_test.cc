// The host protocol: what a host that does its own I/O (the wasm module's worker) is asked
// to fetch, and what it is told to answer, step by step.
#include <gtest/gtest.h>

#include "immagin/base64url.h"
#include "immagin/json.h"
#include "immagin/signing.h"
#include "luna/engine.h"
#include "luna/host_protocol.h"
#include "synthetic_images.h"

namespace luna {
namespace {

constexpr int64_t kNow = 1'800'000'000;
const std::string kSecret(32, 'k');

HostConfig Config() {
  HostConfig c;
  c.storage.control_plane_url = "http://cp.internal:8081";
  c.storage.edge_token = "edge-token";
  c.max_queue = 4;
  return c;
}

immagin::Json TenantAnswer(const std::string& secret, bool cached = false) {
  const std::string body = immagin::DumpJson(
      {{"tenant", "demo"},
       {"state", "active"},
       {"secrets",
        immagin::Json::array({{{"id", "s1"}, {"secret", immagin::Base64UrlEncode(secret)}}})}});
  return {{"status", 200}, {"body", body}, {"cached", cached}};
}

immagin::Json Request(const std::string& payload_json, const std::string& secret = kSecret) {
  const std::string payload = immagin::Base64UrlEncode(payload_json);
  return {{"method", "GET"},
          {"host", "127.0.0.1"},
          {"target",
           "/demo/" + payload + "?sig=" + immagin::SignPayload({"s", secret, {}}, "demo", payload)},
          {"accept", "image/webp,*/*"},
          {"now", kNow}};
}

immagin::Json Head(const HostStep& step) {
  auto json = immagin::ParseJson(step.head, "head", 16);
  EXPECT_TRUE(json.ok()) << step.head;
  return json.ok() ? *json : immagin::Json::object();
}

std::string HeaderOf(const immagin::Json& head, const std::string& name) {
  for (const auto& pair : head["headers"]) {
    if (pair[0] == name) return pair[1].get<std::string>();
  }
  return "";
}

class HostProtocol : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(InitEngine("host_protocol_test").ok()); }
};

TEST_F(HostProtocol, AsksForTheTenantFirstThenForTheOriginal) {
  immagin::Json request = Request(R"({"key":"photos/été 1.jpg"})");
  immagin::Json head = Head(HostPrepare(request.dump(), Config()));
  EXPECT_EQ(head["step"], "fetch");
  EXPECT_EQ(head["what"], "tenant");
  EXPECT_EQ(head["tenant"], "demo");
  EXPECT_EQ(head["cacheSeconds"], 30);
  EXPECT_EQ(head["cacheEntries"], 10000);
  EXPECT_EQ(head["url"], "http://cp.internal:8081/internal/v1/tenants/demo");
  EXPECT_EQ(HeaderOf(head, "Authorization"), "Bearer edge-token");

  request["tenant"] = TenantAnswer(kSecret);
  head = Head(HostPrepare(request.dump(), Config()));
  EXPECT_EQ(head["what"], "original");
  EXPECT_EQ(head["url"],
            "http://cp.internal:8081/internal/v1/originals/demo/photos/%C3%A9t%C3%A9%201.jpg");
  EXPECT_EQ(head["maxBytes"], Config().engine.max_input_bytes);
}

TEST_F(HostProtocol, OriginalsFromS3AreSignedRequests) {
  HostConfig config = Config();
  config.storage.s3_endpoint = "http://127.0.0.1:9000";
  config.storage.s3_bucket = "originals";
  config.storage.s3_prefix = "p/";
  config.storage.s3_credentials = {"AKID", "SECRET", "eu-west-1"};
  immagin::Json request = Request(R"({"key":"a b.jpg"})");
  request["tenant"] = TenantAnswer(kSecret);
  const immagin::Json head = Head(HostPrepare(request.dump(), config));
  EXPECT_EQ(head["url"], "http://127.0.0.1:9000/originals/p/demo/a%20b.jpg");
  EXPECT_EQ(HeaderOf(head, "x-amz-date"), "20270115T080000Z");
  EXPECT_NE(HeaderOf(head, "Authorization").find("Credential=AKID/20270115/eu-west-1/s3/"),
            std::string::npos);
}

TEST_F(HostProtocol, TenantAnswersBecomeErrors) {
  immagin::Json request = Request(R"({"key":"a.jpg"})");
  request["tenant"] = {{"status", 404}};
  immagin::Json head = Head(HostPrepare(request.dump(), Config()));
  EXPECT_EQ(head["step"], "respond");
  EXPECT_EQ(head["status"], 404);
  request["tenant"] = {{"status", 502}};
  EXPECT_EQ(Head(HostPrepare(request.dump(), Config()))["status"], 503);
  request["tenant"] = {{"status", 200}, {"body", "{not json"}};
  EXPECT_EQ(Head(HostPrepare(request.dump(), Config()))["status"], 503);
}

TEST_F(HostProtocol, BadSignatureOnACachedConfigRefreshesItOnce) {
  const std::string rotated(32, 'r');
  immagin::Json request = Request(R"({"key":"a.jpg"})", rotated);
  request["tenant"] = TenantAnswer(kSecret, /*cached=*/true);
  immagin::Json head = Head(HostPrepare(request.dump(), Config()));
  EXPECT_EQ(head["what"], "tenant");
  EXPECT_EQ(head["refresh"], true);
  // Fresh from the control plane and still wrong: refused.
  request["tenant"] = TenantAnswer(kSecret, /*cached=*/false);
  head = Head(HostPrepare(request.dump(), Config()));
  EXPECT_EQ(head["step"], "respond");
  EXPECT_EQ(head["status"], 403);
}

TEST_F(HostProtocol, ShedsLoadBeyondTheQueue) {
  immagin::Json request = Request(R"({"key":"a.jpg"})");
  request["tenant"] = TenantAnswer(kSecret);
  request["pending"] = 3;
  EXPECT_EQ(Head(HostPrepare(request.dump(), Config()))["what"], "original");
  request["pending"] = 4;
  const immagin::Json head = Head(HostPrepare(request.dump(), Config()));
  EXPECT_EQ(head["status"], 503);
  EXPECT_EQ(HeaderOf(head, "Retry-After"), "1");
}

TEST_F(HostProtocol, RendersTheOriginalWithAUsageEvent) {
  immagin::Json request = Request(R"({"key":"a.png","edits":[{"resize":{"width":40}}]})");
  request["tenant"] = TenantAnswer(kSecret);
  request["original"] = {{"status", 200}, {"etag", "\"v7\""}};
  const testing::Bytes png = testing::Save(testing::Gradient(200, 100), ".png");
  const HostStep step = HostRender(request.dump(), png, Config());
  const immagin::Json head = Head(step);
  EXPECT_EQ(head["status"], 200);
  EXPECT_EQ(HeaderOf(head, "Content-Type"), "image/webp");
  const testing::Decoded decoded = testing::Inspect(step.body);
  EXPECT_EQ(decoded.width, 40);
  EXPECT_EQ(decoded.height, 20);
  EXPECT_EQ(head["usage"]["event"]["tenant"], "demo");
  EXPECT_EQ(head["usage"]["event"]["bytes"], step.body.size());
  EXPECT_EQ(head["usage"]["url"], "http://cp.internal:8081/internal/v1/usage");
  EXPECT_EQ(head["usage"]["flushMs"], 2000);
  EXPECT_EQ(head["usage"]["maxPending"], 10000);
}

TEST_F(HostProtocol, OriginalAnswersBecomeErrors) {
  immagin::Json request = Request(R"({"key":"a.png"})");
  request["tenant"] = TenantAnswer(kSecret);
  request["original"] = {{"status", 404}};
  immagin::Json head = Head(HostRender(request.dump(), {}, Config()));
  EXPECT_EQ(head["status"], 404);
  EXPECT_EQ(head.contains("usage"), false);
  request["original"] = {{"status", 0}};
  EXPECT_EQ(Head(HostRender(request.dump(), {}, Config()))["status"], 503);
  HostConfig small = Config();
  small.engine.max_input_bytes = 1000;
  request["original"] = {{"status", 200}, {"size", 5000}};
  EXPECT_EQ(Head(HostRender(request.dump(), {}, small))["status"], 413);
}

TEST_F(HostProtocol, MalformedHostRequestIsA500) {
  const immagin::Json head = Head(HostPrepare("{nope", Config()));
  EXPECT_EQ(head["step"], "respond");
  EXPECT_EQ(head["status"], 500);
}

TEST(HostConfig, FromEnvironmentNamesTheBadSetting) {
  unsetenv("LUNA_CONTROL_PLANE_URL");
  auto missing = HostConfig::FromEnvironment();
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "LUNA_CONTROL_PLANE_URL");
  setenv("LUNA_CONTROL_PLANE_URL", "http://127.0.0.1:8081", 1);
  setenv("LUNA_EDGE_TOKEN", "t", 1);
  setenv("LUNA_MAX_QUEUE", "-1", 1);
  auto queue = HostConfig::FromEnvironment();
  ASSERT_FALSE(queue.ok());
  EXPECT_EQ(queue.error().field, "LUNA_MAX_QUEUE");
  setenv("LUNA_MAX_QUEUE", "7", 1);
  setenv("LUNA_MAX_TENANT_CACHE", "0", 1);
  auto cache = HostConfig::FromEnvironment();
  ASSERT_FALSE(cache.ok());
  EXPECT_EQ(cache.error().field, "LUNA_MAX_TENANT_CACHE");
  setenv("LUNA_MAX_TENANT_CACHE", "5", 1);
  // The Worker's own usage settings: a typo must not unbound its queue.
  setenv("LUNA_MAX_PENDING_USAGE", "abc", 1);
  auto pending = HostConfig::FromEnvironment();
  ASSERT_FALSE(pending.ok());
  EXPECT_EQ(pending.error().field, "LUNA_MAX_PENDING_USAGE");
  setenv("LUNA_MAX_PENDING_USAGE", "100", 1);
  setenv("LUNA_USAGE_FLUSH_MS", "-5", 1);
  auto flush = HostConfig::FromEnvironment();
  ASSERT_FALSE(flush.ok());
  EXPECT_EQ(flush.error().field, "LUNA_USAGE_FLUSH_MS");
  setenv("LUNA_USAGE_FLUSH_MS", "250", 1);
  setenv("LUNA_S3_ENDPOINT", "http://127.0.0.1:9000", 1);
  auto s3 = HostConfig::FromEnvironment();
  ASSERT_FALSE(s3.ok());
  EXPECT_EQ(s3.error().field, "LUNA_S3_BUCKET");
  unsetenv("LUNA_S3_ENDPOINT");
  auto ok = HostConfig::FromEnvironment();
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->max_queue, 7);
  EXPECT_EQ(ok->tenant_cache_entries, 5);
  EXPECT_EQ(ok->max_pending_usage, 100);
  EXPECT_EQ(ok->usage_flush_ms, 250);
  for (const char* name :
       {"LUNA_CONTROL_PLANE_URL", "LUNA_EDGE_TOKEN", "LUNA_MAX_QUEUE", "LUNA_MAX_TENANT_CACHE",
        "LUNA_MAX_PENDING_USAGE", "LUNA_USAGE_FLUSH_MS"}) {
    unsetenv(name);
  }
}

}  // namespace
}  // namespace luna
