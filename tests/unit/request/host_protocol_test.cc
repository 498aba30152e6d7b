// The host protocol: what a host that does its own I/O (the wasm module's worker) is asked
// to fetch, and what it is told to answer, step by step.
#include <gtest/gtest.h>

#include "immagin/base64url.h"
#include "immagin/json.h"
#include "immagin/signing.h"
#include "immagin/usage_event.h"
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

immagin::Json TenantAnswer(const std::string& secret) {
  const std::string body = immagin::DumpJson(
      {{"tenant", "demo"},
       {"state", "active"},
       {"secrets",
        immagin::Json::array({{{"id", "s1"}, {"secret", immagin::Base64UrlEncode(secret)}}})}});
  return {{"status", 200}, {"body", body}};
}

immagin::Json Request(const std::string& payload_json, const std::string& secret = kSecret) {
  const std::string payload = immagin::Base64UrlEncode(payload_json);
  return {{"method", "GET"},
          {"host", "127.0.0.1"},
          {"target",
           "/demo/" + payload + "?sig=" + immagin::SignPayload({"s", secret, {}}, "demo", payload)},
          {"accept", "image/webp,*/*"},
          {"now", kNow},
          {"nowMs", kNow * 1000}};
}

HostStep HostPrepare(const std::string& request, const HostConfig& config) {
  return HostProtocol(config).Prepare(request);
}

HostStep HostRender(const std::string& request, std::span<const uint8_t> body,
                    const HostConfig& config) {
  return HostProtocol(config).Render(request, body);
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

class HostProtocolTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(InitEngine("host_protocol_test").ok()); }
};

TEST_F(HostProtocolTest, AsksForTheTenantFirstThenForTheOriginal) {
  immagin::Json request = Request(R"({"key":"photos/été 1.jpg"})");
  immagin::Json head = Head(HostPrepare(request.dump(), Config()));
  EXPECT_EQ(head["step"], "fetch");
  EXPECT_EQ(head["what"], "tenant");
  EXPECT_EQ(head["tenant"], "demo");
  EXPECT_EQ(head["timeoutMs"], 5000);
  EXPECT_EQ(head["url"], "http://cp.internal:8081/internal/v1/tenants/demo");
  EXPECT_EQ(HeaderOf(head, "Authorization"), "Bearer edge-token");

  request["tenant"] = TenantAnswer(kSecret);
  head = Head(HostPrepare(request.dump(), Config()));
  EXPECT_EQ(head["what"], "original");
  EXPECT_EQ(head["url"],
            "http://cp.internal:8081/internal/v1/originals/demo/photos/%C3%A9t%C3%A9%201.jpg");
  EXPECT_EQ(head["maxBytes"], Config().engine.max_input_bytes);
}

TEST_F(HostProtocolTest, OriginalsFromS3AreSignedRequests) {
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

TEST_F(HostProtocolTest, TenantAnswersBecomeErrors) {
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

TEST_F(HostProtocolTest, KeepsTheTenantBetweenRequestsAndHandsItToTheRender) {
  HostProtocol protocol(Config());
  immagin::Json request = Request(R"({"key":"a.jpg"})");
  request["tenant"] = TenantAnswer(kSecret);
  immagin::Json head = Head(protocol.Prepare(request.dump()));
  EXPECT_EQ(head["what"], "original");
  EXPECT_EQ(head["tenant"], "demo");
  EXPECT_EQ(head["key"], "a.jpg");
  EXPECT_EQ(head["namespace"], "demo");
  EXPECT_EQ(head["tenantAnswer"], TenantAnswer(kSecret));
  // The next request within LUNA_TENANT_CACHE_SECONDS needs no tenant fetch.
  request.erase("tenant");
  request["nowMs"] = kNow * 1000 + 29'000;
  EXPECT_EQ(Head(protocol.Prepare(request.dump()))["what"], "original");
  // Past it, the host is asked again.
  request["nowMs"] = kNow * 1000 + 31'000;
  EXPECT_EQ(Head(protocol.Prepare(request.dump()))["what"], "tenant");
}

TEST_F(HostProtocolTest, UnknownTenantsAreRememberedToo) {
  HostProtocol protocol(Config());
  immagin::Json request = Request(R"({"key":"a.jpg"})");
  request["tenant"] = {{"status", 404}, {"body", ""}};
  EXPECT_EQ(Head(protocol.Prepare(request.dump()))["status"], 404);
  request.erase("tenant");
  const immagin::Json head = Head(protocol.Prepare(request.dump()));
  EXPECT_EQ(head["step"], "respond");
  EXPECT_EQ(head["status"], 404);
}

TEST_F(HostProtocolTest, BadSignatureOnACachedConfigRefreshesItAtMostOnceASecond) {
  HostProtocol protocol(Config());
  const std::string rotated(32, 'r');
  immagin::Json request = Request(R"({"key":"a.jpg"})");
  request["tenant"] = TenantAnswer(kSecret);
  ASSERT_EQ(Head(protocol.Prepare(request.dump()))["what"], "original");
  // Signed with a secret the cached config does not have yet (a rotation): ask again.
  request = Request(R"({"key":"a.jpg"})", rotated);
  request["nowMs"] = kNow * 1000 + 1500;
  immagin::Json head = Head(protocol.Prepare(request.dump()));
  EXPECT_EQ(head["what"], "tenant");
  EXPECT_EQ(head["refresh"], true);
  // Fresh from the control plane and still wrong: refused.
  request["tenant"] = TenantAnswer(kSecret);
  head = Head(protocol.Prepare(request.dump()));
  EXPECT_EQ(head["step"], "respond");
  EXPECT_EQ(head["status"], 403);
  // Forged URLs right after: refused without another fetch.
  request.erase("tenant");
  request["nowMs"] = kNow * 1000 + 1900;
  EXPECT_EQ(Head(protocol.Prepare(request.dump()))["status"], 403);
  // With the rotated secret in the fresh config, the same URL works.
  request["nowMs"] = kNow * 1000 + 3000;
  ASSERT_EQ(Head(protocol.Prepare(request.dump()))["refresh"], true);
  request["tenant"] = TenantAnswer(rotated);
  EXPECT_EQ(Head(protocol.Prepare(request.dump()))["what"], "original");
}

TEST_F(HostProtocolTest, ServesStaleConfigsWhileTheControlPlaneFailsThenA503) {
  HostConfig config = Config();
  config.tenant_max_stale_seconds = 600;
  HostProtocol protocol(config);
  immagin::Json request = Request(R"({"key":"a.jpg"})");
  request["tenant"] = TenantAnswer(kSecret);
  ASSERT_EQ(Head(protocol.Prepare(request.dump()))["what"], "original");
  // Expired; the control plane is down (status 0) or failing (502): the cached config serves.
  request.erase("tenant");
  request["nowMs"] = kNow * 1000 + 60'000;
  ASSERT_EQ(Head(protocol.Prepare(request.dump()))["what"], "tenant");
  request["tenant"] = {{"status", 0}, {"body", ""}};
  immagin::Json head = Head(protocol.Prepare(request.dump()));
  EXPECT_EQ(head["what"], "original");
  EXPECT_EQ(head["tenantAnswer"], TenantAnswer(kSecret));
  // Right after a failure the host is not asked again: no request waits on a dead control plane.
  request.erase("tenant");
  request["nowMs"] = kNow * 1000 + 62'000;
  EXPECT_EQ(Head(protocol.Prepare(request.dump()))["what"], "original");
  request["nowMs"] = kNow * 1000 + 70'000;
  ASSERT_EQ(Head(protocol.Prepare(request.dump()))["what"], "tenant");
  request["tenant"] = {{"status", 502}, {"body", "bad gateway"}};
  EXPECT_EQ(Head(protocol.Prepare(request.dump()))["what"], "original");
  // Past the maximum staleness (30 s fresh + 600 s): a clear 503 that says why.
  request.erase("tenant");
  request["nowMs"] = kNow * 1000 + 640'000;
  ASSERT_EQ(Head(protocol.Prepare(request.dump()))["what"], "tenant");
  request["tenant"] = {{"status", 0}, {"body", ""}};
  const HostStep refused = protocol.Prepare(request.dump());
  head = Head(refused);
  EXPECT_EQ(head["status"], 503);
  EXPECT_EQ(HeaderOf(head, "Retry-After"), "5");
  EXPECT_NE(refused.body.find("could not be reached"), std::string::npos) << refused.body;
  // The control plane is back: served again, fresh.
  request["nowMs"] = kNow * 1000 + 650'000;
  request["tenant"] = TenantAnswer(kSecret);
  EXPECT_EQ(Head(protocol.Prepare(request.dump()))["what"], "original");
}

TEST_F(HostProtocolTest, UnknownTenantsDuringAnOutageAreA503WithoutWaitingEachTime) {
  HostProtocol protocol(Config());
  immagin::Json request = Request(R"({"key":"a.jpg"})");
  ASSERT_EQ(Head(protocol.Prepare(request.dump()))["what"], "tenant");
  request["tenant"] = {{"status", 0}, {"body", ""}};
  EXPECT_EQ(Head(protocol.Prepare(request.dump()))["status"], 503);
  // Within the retry interval the next request is refused at once, not sent to wait again.
  request.erase("tenant");
  request["nowMs"] = kNow * 1000 + 2000;
  const immagin::Json head = Head(protocol.Prepare(request.dump()));
  EXPECT_EQ(head["step"], "respond");
  EXPECT_EQ(head["status"], 503);
  request["nowMs"] = kNow * 1000 + 6000;
  EXPECT_EQ(Head(protocol.Prepare(request.dump()))["what"], "tenant");
}

TEST_F(HostProtocolTest, ShedsLoadBeyondTheQueue) {
  immagin::Json request = Request(R"({"key":"a.jpg"})");
  request["tenant"] = TenantAnswer(kSecret);
  request["pending"] = 3;
  EXPECT_EQ(Head(HostPrepare(request.dump(), Config()))["what"], "original");
  request["pending"] = 4;
  const immagin::Json head = Head(HostPrepare(request.dump(), Config()));
  EXPECT_EQ(head["status"], 503);
  EXPECT_EQ(HeaderOf(head, "Retry-After"), "1");
}

TEST_F(HostProtocolTest, RendersTheOriginalWithAUsageEvent) {
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
  // The Worker seals at most this many events per batch: even the largest events fit the
  // control plane's batch limits then.
  const size_t per_batch = head["usage"]["maxBatchEvents"].get<size_t>();
  EXPECT_GE(per_batch, 1000u);
  const immagin::UsageEvent largest{std::string(63, 't'), std::string(32, 'f'), INT64_MAX,
                                    INT64_MAX, INT64_MAX};
  immagin::UsageBatch batch{std::string(36, 'b'), std::vector(per_batch, largest)};
  const std::string text = immagin::DumpJson(immagin::UsageBatchJson(batch));
  EXPECT_LE(text.size(), immagin::kMaxUsageBatchBytes);
  EXPECT_TRUE(immagin::ParseUsageBatch(text).ok());
}

TEST_F(HostProtocolTest, OriginalAnswersBecomeErrors) {
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

TEST_F(HostProtocolTest, MalformedHostRequestIsA500) {
  const immagin::Json head = Head(HostPrepare("{nope", Config()));
  EXPECT_EQ(head["step"], "respond");
  EXPECT_EQ(head["status"], 500);
}

TEST(TenantCache, IsBoundedOldestOutFirst) {
  TenantCache cache({.max_entries = 2});
  const struct TenantAnswer unknown{404, ""};
  cache.Record("a", unknown, 1000);
  cache.Record("b", unknown, 2000);
  ASSERT_TRUE(cache.Find("a", 3000).has_value());
  cache.Record("c", unknown, 3000);  // "a" was asked for longest ago
  EXPECT_FALSE(cache.Find("a", 3000).has_value());
  EXPECT_TRUE(cache.Find("b", 3000).has_value());
  EXPECT_TRUE(cache.Find("c", 3000).has_value());
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
