// Stale-cache attacks: an original is deleted or replaced, a project is deleted or
// suspended, and the CDN keeps serving the old transforms. The control plane must tell
// Varnish (xkey) and Cloudflare (purge by tag) within seconds, retry until they accept,
// and lose no purge to a failing CDN or a restart. Real loopback HTTP servers stand in for
// the CDNs (tests/support/http_recorder.h); the whole-stack test through Varnish is
// tests/adversarial/stack.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

#include "control_plane_fixture.h"
#include "http_recorder.h"
#include "immagin/surrogate_key.h"
#include "s3rver_process.h"

namespace immagin::cp::testing {
namespace {

using immagin::testing::HttpRecorder;
using immagin::testing::RecordedRequest;
using std::chrono::milliseconds;
using Requests = std::vector<RecordedRequest>;

// Requests whose xkey-purge header names `tag`, and of those the ones answered with a 2xx.
int Purges(const Requests& requests, const std::string& tag, bool delivered_only = true) {
  int count = 0;
  for (const auto& request : requests) {
    auto it = request.headers.find("xkey-purge");
    if (request.method != "PURGE" || it == request.headers.end()) continue;
    std::string words = " " + it->second + " ";
    if (words.find(" " + tag + " ") == std::string::npos) continue;
    if (!delivered_only || request.answered / 100 == 2) ++count;
  }
  return count;
}

std::string RunAdmin(const std::string& environment, const std::string& arguments) {
  std::string command =
      environment + " " + std::string(IMMAGIN_ADMIN_BIN) + " " + arguments + " 2>&1";
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  ::pclose(pipe);
  return out;
}

class PurgeAttack : public ControlPlaneTest {
 protected:
  PurgeAttack() {
    config_.purge.varnish_url = varnish_.url();
    config_.purge.repeat_seconds = 1;
    config_.purge.retry_initial_ms = 100;
    config_.purge.retry_max_ms = 400;
  }
  void SetUp() override {
    ASSERT_TRUE(varnish_.running());
    StartServer();
  }
  HttpRecorder varnish_;
};

TEST_F(PurgeAttack, DeletedOriginalIsPurgedFromVarnishWithinTwoSeconds) {
  auto tenant = CreateProject("victim");
  ASSERT_EQ(Upload(tenant, "photos/a.jpg", "bytes").status, 201);
  const std::string tag = OriginalSurrogateKey("victim", "photos/a.jpg");
  auto deleted_at = std::chrono::steady_clock::now();
  ASSERT_EQ(Delete("/v1/images/photos/a.jpg", tenant).status, 204);
  ASSERT_TRUE(
      varnish_.WaitFor([&](const Requests& r) { return Purges(r, tag) == 1; }, milliseconds(2000)))
      << "no PURGE for " << tag;
  auto requests = varnish_.requests();
  EXPECT_EQ(requests[0].method, "PURGE");
  EXPECT_EQ(requests[0].target, "/");
  EXPECT_LT(requests[0].at - deleted_at, milliseconds(2000));
  // A key the tenant never had costs no purge (purges are not free).
  EXPECT_EQ(Delete("/v1/images/never-there.jpg", tenant).status, 404);
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(varnish_.requests().size(), 1u);
}

TEST_F(PurgeAttack, ReplacedOriginalIsPurged) {
  auto tenant = CreateProject("victim");
  const std::string tag = OriginalSurrogateKey("victim", "hero.jpg");
  ASSERT_EQ(Upload(tenant, "hero.jpg", "first").status, 201);
  ASSERT_EQ(Upload(tenant, "hero.jpg", "second").status, 201);
  EXPECT_TRUE(
      varnish_.WaitFor([&](const Requests& r) { return Purges(r, tag) == 1; }, milliseconds(2000)));
  std::this_thread::sleep_for(milliseconds(200));
  EXPECT_EQ(Purges(varnish_.requests(), tag), 1) << "the first upload replaced nothing";
}

TEST_F(PurgeAttack, FailingVarnishIsRetriedUntilItAcceptsAndEachPurgeDeliveredOnce) {
  auto tenant = CreateProject("victim");
  ASSERT_EQ(Upload(tenant, "a.jpg", "bytes").status, 201);
  ASSERT_EQ(Upload(tenant, "b.jpg", "bytes").status, 201);
  varnish_.FailNext(3, 500);
  ASSERT_EQ(Delete("/v1/images/a.jpg", tenant).status, 204);
  ASSERT_EQ(Delete("/v1/images/b.jpg", tenant).status, 204);
  const std::string a = OriginalSurrogateKey("victim", "a.jpg");
  const std::string b = OriginalSurrogateKey("victim", "b.jpg");
  ASSERT_TRUE(
      varnish_.WaitFor([&](const Requests& r) { return Purges(r, a) == 1 && Purges(r, b) == 1; },
                       milliseconds(5000)));
  EXPECT_GE(Purges(varnish_.requests(), a, /*delivered_only=*/false), 2) << "it was retried";
  std::this_thread::sleep_for(milliseconds(600));  // longer than the largest backoff
  EXPECT_EQ(Purges(varnish_.requests(), a), 1);
  EXPECT_EQ(Purges(varnish_.requests(), b), 1);
}

TEST_F(PurgeAttack, PurgeSurvivesARestartWhileVarnishIsDown) {
  StopServer();
  uint16_t port = HttpRecorder::FreePort();
  config_.purge.varnish_url = "http://127.0.0.1:" + std::to_string(port);  // refused
  StartServer();
  auto tenant = CreateProject("victim");
  ASSERT_EQ(Upload(tenant, "a.jpg", "bytes").status, 201);
  ASSERT_EQ(Delete("/v1/images/a.jpg", tenant).status, 204);
  std::this_thread::sleep_for(milliseconds(300));  // a few refused attempts
  StopServer();
  HttpRecorder varnish(port);
  ASSERT_TRUE(varnish.running());
  StartServer();
  const std::string tag = OriginalSurrogateKey("victim", "a.jpg");
  EXPECT_TRUE(
      varnish.WaitFor([&](const Requests& r) { return Purges(r, tag) == 1; }, milliseconds(3000)));
}

TEST_F(PurgeAttack, DeletedProjectIsPurgedAgainAfterTheEdgesTenantCache) {
  CreateProject("doomed");
  auto deleted_at = std::chrono::steady_clock::now();
  std::string out = RunAdmin("IMMAGIN_PURGE_REPEAT_SECONDS=2",
                             "delete-project --tenant doomed --data-dir " + dir_.string());
  ASSERT_NE(out.find("\"deleted\""), std::string::npos) << out;
  const std::string tag = TenantSurrogateKey("doomed");
  // immagin-admin only enqueues; the running server notices within its poll interval (1 s).
  ASSERT_TRUE(
      varnish_.WaitFor([&](const Requests& r) { return Purges(r, tag) >= 1; }, milliseconds(2000)));
  // The repeat: once more, after the edges' tenant cache (here 2 s) has run out.
  ASSERT_TRUE(
      varnish_.WaitFor([&](const Requests& r) { return Purges(r, tag) == 2; }, milliseconds(4000)));
  auto requests = varnish_.requests();
  EXPECT_GE(requests.back().at - deleted_at, milliseconds(2000)) << "the repeat waits";
}

TEST_F(PurgeAttack, SuspendedProjectIsPurged) {
  CreateProject("naughty");
  ASSERT_NE(RunAdmin("", "suspend-project --tenant naughty --data-dir " + dir_.string())
                .find("\"suspended\":true"),
            std::string::npos);
  const std::string tag = TenantSurrogateKey("naughty");
  EXPECT_TRUE(
      varnish_.WaitFor([&](const Requests& r) { return Purges(r, tag) >= 1; }, milliseconds(3000)));
}

TEST_F(PurgeAttack, ProjectOrAccountDeletedFromTheConsoleIsPurged) {
  config_.accounts.pwhash_opslimit = 1;  // only read at start: restart with a cheap hash
  config_.accounts.pwhash_memlimit_bytes = 8192;
  StopServer();
  StartServer();
  const ConsoleSession session = SignUpVerified("owner@example.com", "Tr0ub4dor&3-horse-battery");
  const std::string& cookie = session.cookie;
  const std::string& csrf = session.csrf;
  auto created = Send("POST", Url("/v1/account/projects"), R"({"tenantId":"console-made"})",
                      {cookie, csrf, "Content-Type: application/json"});
  ASSERT_EQ(created.status, 201) << created.body;
  auto deleted = Send("DELETE", Url("/v1/account/projects/console-made"), "", {cookie, csrf});
  ASSERT_EQ(deleted.status, 204) << deleted.body;
  const std::string tag = TenantSurrogateKey("console-made");
  EXPECT_TRUE(
      varnish_.WaitFor([&](const Requests& r) { return Purges(r, tag) >= 1; }, milliseconds(2000)));
  EXPECT_TRUE(
      varnish_.WaitFor([&](const Requests& r) { return Purges(r, tag) == 2; }, milliseconds(3000)))
      << "and again after the edges' tenant cache";
  // Deleting the whole account takes its projects' cached transforms with it.
  ASSERT_EQ(Send("POST", Url("/v1/account/projects"), R"({"tenantId":"second-one"})",
                 {cookie, csrf, "Content-Type: application/json"})
                .status,
            201);
  ASSERT_EQ(Send("DELETE", Url("/v1/account"), "", {cookie, csrf}).status, 204);
  const std::string second = TenantSurrogateKey("second-one");
  EXPECT_TRUE(varnish_.WaitFor([&](const Requests& r) { return Purges(r, second) >= 1; },
                               milliseconds(2000)));
}

class CloudflarePurgeAttack : public ControlPlaneTest {
 protected:
  CloudflarePurgeAttack() {
    config_.purge.cloudflare_zone_id = "023e105f4ecef8ad9ca31a8372d0c353";
    config_.purge.cloudflare_api_token = "cf-test-token-0123456789";
    config_.purge.cloudflare_api_url = cloudflare_.url() + "/client/v4";
    config_.purge.retry_initial_ms = 100;
    config_.purge.retry_max_ms = 400;
    cloudflare_.Answer(200, R"({"success":true,"errors":[],"messages":[],"result":{"id":"x"}})");
  }
  void SetUp() override {
    ASSERT_TRUE(cloudflare_.running());
    StartServer();
  }
  HttpRecorder cloudflare_;
};

TEST_F(CloudflarePurgeAttack, DeletedOriginalIsPurgedByTagWithTheDocumentedRequest) {
  auto tenant = CreateProject("victim");
  ASSERT_EQ(Upload(tenant, "a b.jpg", "bytes").status, 201);
  // Cloudflare's documented failure: HTTP 200 with "success": false. It must be retried.
  cloudflare_.Answer(200, R"({"success":false,"errors":[{"code":1134}]})");
  ASSERT_EQ(Delete("/v1/images/a%20b.jpg", tenant).status, 204);
  ASSERT_TRUE(
      cloudflare_.WaitFor([](const Requests& r) { return !r.empty(); }, milliseconds(2000)));
  cloudflare_.Answer(200, R"({"success":true,"errors":[],"messages":[],"result":{"id":"x"}})");
  ASSERT_TRUE(
      cloudflare_.WaitFor([](const Requests& r) { return r.size() >= 2; }, milliseconds(3000)));
  std::this_thread::sleep_for(milliseconds(600));
  auto requests = cloudflare_.requests();
  ASSERT_EQ(requests.size(), 2u) << "retried once after success:false, then done";
  const auto& request = requests[1];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache");
  EXPECT_EQ(request.headers.at("authorization"), "Bearer cf-test-token-0123456789");
  EXPECT_EQ(request.headers.at("content-type"), "application/json");
  auto body = ParseJson(request.body, "body");
  ASSERT_TRUE(body.ok()) << request.body;
  EXPECT_EQ(DumpJson(body.value()),
            DumpJson(Json{{"tags", Json::array({OriginalSurrogateKey("victim", "a b.jpg")})}}));
}

// S3 mode with a sized presign: the bytes go straight to the bucket, so the control plane
// never sees the replacement; it purges at presign time and again after the URL expired.
class S3PurgeAttack : public PurgeAttack {
 protected:
  S3PurgeAttack() : s3rver_(dir_ / "s3rver") {
    config_.storage = "s3";
    config_.s3_endpoint = s3rver_.endpoint();
    config_.s3_bucket = S3rverProcess::kBucket;
    config_.s3_access_key = "S3RVER";
    config_.s3_secret_key = "S3RVER";
    // X-Amz-Date counts whole seconds, so a URL lives between TTL-1 and TTL seconds: 1 s
    // could expire before a slow (sanitized, loaded) PUT arrived.
    config_.presign_ttl_seconds = 3;
  }
  S3rverProcess s3rver_;
};

TEST_F(S3PurgeAttack, DirectReplacementIsPurgedAtPresignAndAfterTheUrlExpires) {
  ASSERT_TRUE(s3rver_.running());
  auto tenant = CreateProject("victim");
  auto sized = [&](const std::string& bytes) {
    auto presigned = Post(
        "/v1/images/presign",
        DumpJson(Json{{"key", "a.jpg"}, {"size", static_cast<int64_t>(bytes.size())}}), tenant);
    EXPECT_EQ(presigned.status, 200);
    return Send("PUT", presigned.json()["uploadUrl"].get<std::string>(), bytes);
  };
  ASSERT_EQ(sized("first").status, 200);
  const std::string tag = OriginalSurrogateKey("victim", "a.jpg");
  auto presigned_at = std::chrono::steady_clock::now();
  ASSERT_EQ(sized("second").status, 200);
  ASSERT_TRUE(
      varnish_.WaitFor([&](const Requests& r) { return Purges(r, tag) == 2; }, milliseconds(9000)));
  auto requests = varnish_.requests();
  EXPECT_LT(requests[0].at - presigned_at, milliseconds(1000));
  // TTL 3 s + repeat 1 s.
  EXPECT_GE(requests[1].at - presigned_at, milliseconds(3900));
}

class S3FirstSightPurgeAttack : public S3PurgeAttack {
 protected:
  S3FirstSightPurgeAttack() { config_.presign_ttl_seconds = 300; }
};

TEST_F(S3FirstSightPurgeAttack, DirectReplacementIsPurgedWhenTheEdgeFirstFetchesIt) {
  ASSERT_TRUE(s3rver_.running());
  auto tenant = CreateProject("victim");
  auto presign = [&](const std::string& bytes) {
    auto presigned = Post(
        "/v1/images/presign",
        DumpJson(Json{{"key", "a.jpg"}, {"size", static_cast<int64_t>(bytes.size())}}), tenant);
    EXPECT_EQ(presigned.status, 200);
    return presigned.json()["uploadUrl"].get<std::string>();
  };
  ASSERT_EQ(Send("PUT", presign("first"), "first").status, 200);
  ASSERT_EQ(EdgeGet("/internal/v1/originals/victim/a.jpg").body, "first");
  const std::string tag = OriginalSurrogateKey("victim", "a.jpg");
  std::string url = presign("second");
  ASSERT_TRUE(
      varnish_.WaitFor([&](const Requests& r) { return Purges(r, tag) == 1; }, milliseconds(2000)))
      << "the presign-time purge";
  // Nothing changed yet: fetching the original purges nothing more.
  ASSERT_EQ(EdgeGet("/internal/v1/originals/victim/a.jpg").body, "first");
  ASSERT_EQ(Send("PUT", url, "second").status, 200);
  // The first miss after the replacement makes the edge fetch the new original; that is
  // when the control plane learns of it, long before the URL's five minutes are up.
  ASSERT_EQ(EdgeGet("/internal/v1/originals/victim/a.jpg").body, "second");
  EXPECT_TRUE(
      varnish_.WaitFor([&](const Requests& r) { return Purges(r, tag) == 2; }, milliseconds(2000)));
  ASSERT_EQ(EdgeGet("/internal/v1/originals/victim/a.jpg").body, "second");
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(Purges(varnish_.requests(), tag), 2) << "once per replacement";
}

}  // namespace
}  // namespace immagin::cp::testing
