// The edge's internal API: tenant configuration, originals, usage ingestion.
#include "calendar.h"
#include "control_plane_fixture.h"
#include "immagin/base64url.h"
#include "immagin/signing.h"
#include "immagin/tenant_config.h"

namespace immagin::cp::testing {
namespace {

class EdgeApi : public ControlPlaneTest {
 protected:
  static std::string TransformId(int n) {
    char id[33];
    std::snprintf(id, sizeof id, "%032x", n);
    return id;
  }
  static Json Event(const std::string& tenant, int n, int64_t time) {
    return Json{{"tenant", tenant},
                {"transformId", TransformId(n)},
                {"bytes", 1000},
                {"ms", 12},
                {"time", time}};
  }
  int64_t Transforms(const TestProject& who, const std::string& month) {
    auto usage = Get("/v1/usage?month=" + month, who);
    EXPECT_EQ(usage.status, 200) << usage.body;
    return usage.json()["uniqueTransforms"].get<int64_t>();
  }
};

TEST_F(EdgeApi, EverythingNeedsTheEdgeToken) {
  auto alice = CreateProject("alice");
  for (const char* path : {"/internal/v1/tenants/alice", "/internal/v1/originals/alice/a.jpg"}) {
    EXPECT_EQ(Send("GET", Url(path)).status, 401) << path;
    EXPECT_EQ(Send("GET", Url(path), "", {"Authorization: Bearer wrong-token-wrong-token"}).status,
              401);
    EXPECT_EQ(Get(path, alice).status, 401) << "an API key is not the edge token";
  }
  EXPECT_EQ(Send("POST", Url("/internal/v1/usage"), R"({"events":[]})").status, 401);
}

TEST_F(EdgeApi, TenantConfigListsActiveSecretsAndState) {
  auto alice = CreateProject("alice");
  auto config = EdgeGet("/internal/v1/tenants/alice");
  ASSERT_EQ(config.status, 200) << config.body;
  auto json = config.json();
  EXPECT_EQ(json["tenant"], "alice");
  EXPECT_EQ(json["state"], "active");
  ASSERT_EQ(json["secrets"].size(), 1u);
  EXPECT_TRUE(json["secrets"][0]["validUntil"].is_null());
  // The secret the SDK gets from /v1/project is the one the edge verifies with.
  auto project = Get("/v1/project", alice).json();
  EXPECT_EQ(project["signingSecret"]["secret"], json["secrets"][0]["secret"]);
  EXPECT_EQ(project["signingSecret"]["id"], json["secrets"][0]["id"]);
  EXPECT_EQ(EdgeGet("/internal/v1/tenants/nobody").status, 404);
  ASSERT_TRUE(projects_->SetSuspended(alice.project.id, true).ok());
  EXPECT_EQ(EdgeGet("/internal/v1/tenants/alice").json()["state"], "suspended");
}

// The answer is the shared wire format, byte for byte, and the edge's parser reads back
// exactly the project's state, secrets and namespace.
TEST_F(EdgeApi, TenantConfigIsTheSharedWireFormat) {
  auto alice = CreateProject("alice");
  ASSERT_EQ(Post("/v1/project/rotate-secret", "", alice).status, 200);
  auto secrets = projects_->ActiveSecrets(alice.project.id, NowSeconds());
  ASSERT_TRUE(secrets.ok());
  ASSERT_EQ(secrets->size(), 2u);
  ASSERT_TRUE(secrets.value()[1].valid_until.has_value());
  TenantConfig expected{"alice", ProjectState::kActive, secrets.value(),
                        alice.project.storage_namespace};
  ASSERT_FALSE(expected.storage_namespace.empty());

  auto answer = EdgeGet("/internal/v1/tenants/alice");
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.body, DumpJson(TenantConfigJson(expected)));
  auto parsed = ParseTenantConfig(answer.body);
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  EXPECT_EQ(parsed.value(), expected);

  ASSERT_TRUE(projects_->SetSuspended(alice.project.id, true).ok());
  parsed = ParseTenantConfig(EdgeGet("/internal/v1/tenants/alice").body);
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  expected.state = ProjectState::kSuspended;
  EXPECT_EQ(parsed.value(), expected);
}

TEST_F(EdgeApi, RotationKeepsThePreviousSecretForTheGracePeriod) {
  auto alice = CreateProject("alice");
  auto before = Get("/v1/project", alice).json()["signingSecret"];
  auto rotated = Post("/v1/project/rotate-secret", "", alice);
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  auto after = Get("/v1/project", alice).json()["signingSecret"];
  EXPECT_NE(after["id"], before["id"]);
  EXPECT_NE(after["secret"], before["secret"]);
  auto secrets = EdgeGet("/internal/v1/tenants/alice").json()["secrets"];
  ASSERT_EQ(secrets.size(), 2u);
  EXPECT_EQ(secrets[0]["id"], after["id"]);
  EXPECT_EQ(secrets[1]["id"], before["id"]);
  int64_t valid_until = secrets[1]["validUntil"].get<int64_t>();
  EXPECT_NEAR(static_cast<double>(valid_until),
              static_cast<double>(NowSeconds() + config_.secret_grace_seconds), 5.0);

  // A URL signed with the old secret still verifies with what the edge receives.
  auto edge_config = ParseTenantConfig(EdgeGet("/internal/v1/tenants/alice").body);
  ASSERT_TRUE(edge_config.ok()) << edge_config.error().ToString();
  const std::vector<SigningSecret>& edge_secrets = edge_config->secrets;
  SigningSecret old{before["id"].get<std::string>(),
                    Base64UrlDecode(before["secret"].get<std::string>()).value(), std::nullopt};
  std::string sig = SignPayload(old, "alice", "cGF5bG9hZA");
  auto verified = VerifySignature("alice", "cGF5bG9hZA", sig, edge_secrets, NowSeconds());
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified.value(), before["id"].get<std::string>());
  // After the grace period the old secret is gone.
  auto later = projects_->ActiveSecrets(alice.project.id, valid_until + 1);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->size(), 1u);
}

TEST_F(EdgeApi, OriginalsAreServedWithAnETag) {
  auto alice = CreateProject("alice");
  ASSERT_EQ(Upload(alice, "photos/a.jpg", "original bytes").status, 201);
  auto original = EdgeGet("/internal/v1/originals/alice/photos/a.jpg");
  ASSERT_EQ(original.status, 200);
  EXPECT_EQ(original.body, "original bytes");
  std::string etag = original.headers["etag"];
  ASSERT_FALSE(etag.empty());
  auto cached =
      Send("GET", Url("/internal/v1/originals/alice/photos/a.jpg"), "",
           {std::string("Authorization: Bearer ") + kEdgeToken, "If-None-Match: " + etag});
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.body.empty());
  ASSERT_EQ(Upload(alice, "photos/a.jpg", "new bytes").status, 201);
  auto replaced = EdgeGet("/internal/v1/originals/alice/photos/a.jpg");
  EXPECT_NE(replaced.headers["etag"], etag);
  EXPECT_EQ(replaced.body, "new bytes");
  EXPECT_EQ(EdgeGet("/internal/v1/originals/alice/missing.jpg").status, 404);
  EXPECT_EQ(EdgeGet("/internal/v1/originals/nobody/photos/a.jpg").status, 404);
  EXPECT_EQ(EdgeGet("/internal/v1/originals/alice/a/%2E%2E/%2E%2E/x").status, 400);
}

TEST_F(EdgeApi, IngestionCountsEachTransformOncePerMonth) {
  auto alice = CreateProject("alice");
  auto bob = CreateProject("bobby");
  int64_t now = NowSeconds();
  Json events = Json::array();
  for (int i = 0; i < 50; ++i) events.push_back(Event("alice", i, now));
  for (int i = 0; i < 10; ++i) events.push_back(Event("alice", i, now));  // cache misses again
  for (int i = 0; i < 5; ++i) events.push_back(Event("bobby", i, now));
  events.push_back(Event("ghost", 1, now));
  auto ingested = EdgePost("/internal/v1/usage", DumpJson(Json{{"events", events}}));
  ASSERT_EQ(ingested.status, 200) << ingested.body;
  EXPECT_EQ(ingested.json()["received"], 66);
  EXPECT_EQ(ingested.json()["counted"], 55);
  EXPECT_EQ(ingested.json()["unknownTenant"], 1);
  EXPECT_EQ(Transforms(alice, MonthOf(now)), 50);
  EXPECT_EQ(Transforms(bob, MonthOf(now)), 5);

  // Retrying the same batch (with or without an id) changes nothing.
  Json retry{{"batchId", "b-1"}, {"events", events}};
  EXPECT_EQ(EdgePost("/internal/v1/usage", DumpJson(retry)).json()["counted"], 0);
  auto duplicate = EdgePost("/internal/v1/usage", DumpJson(retry));
  EXPECT_EQ(duplicate.json()["duplicateBatch"], true);
  EXPECT_EQ(Transforms(alice, MonthOf(now)), 50);

  // The same transform in another month counts again, in that month.
  int64_t january_start = ParseMonth("2026-01").value_or(MonthRange{}).start;
  ASSERT_GT(january_start, 0);
  Json january{{"events", Json::array({Event("alice", 1, january_start + 86400LL * 3 + 5)})}};
  EXPECT_EQ(EdgePost("/internal/v1/usage", DumpJson(january)).json()["counted"], 1);
  EXPECT_EQ(Transforms(alice, "2026-01"), 1);
  EXPECT_EQ(Transforms(alice, MonthOf(now)), 50);
}

TEST_F(EdgeApi, IngestionValidatesEveryEventNamingTheField) {
  auto alice = CreateProject("alice");
  int64_t now = NowSeconds();
  struct Case {
    Json body;
    std::string field;
  };
  Json bad_id = Event("alice", 1, now);
  bad_id["transformId"] = "XYZ";
  Json bad_bytes = Event("alice", 1, now);
  bad_bytes["bytes"] = -1;
  Json extra = Event("alice", 1, now);
  extra["colour"] = "red";
  Json missing_time = Event("alice", 1, now);
  missing_time.erase("time");
  for (const Case& c : std::vector<Case>{
           {Json{{"events", "no"}}, "events"},
           {Json::object(), "events"},
           {Json{{"events", Json::array({Event("alice", 1, now), bad_id})}},
            "events[1].transformId"},
           {Json{{"events", Json::array({bad_bytes})}}, "events[0].bytes"},
           {Json{{"events", Json::array({extra})}}, "events[0].colour"},
           {Json{{"events", Json::array({missing_time})}}, "events[0].time"},
           {Json{{"events", Json::array({Event("Bad_Tenant", 1, now)})}}, "events[0].tenant"},
           {Json{{"batchId", 7}, {"events", Json::array()}}, "batchId"},
       }) {
    auto response = EdgePost("/internal/v1/usage", DumpJson(c.body));
    EXPECT_EQ(response.status, 400) << c.body.dump();
    EXPECT_EQ(response.error_field(), c.field) << response.body;
  }
  // A rejected batch records nothing, not even its valid events.
  EXPECT_EQ(Transforms(alice, MonthOf(now)), 0);
}

TEST_F(EdgeApi, BatchSizeIsLimited) {
  config_.limits.max_usage_batch_events = 3;
  StopServer();
  StartServer();
  CreateProject("alice");
  Json events = Json::array();
  for (int i = 0; i < 4; ++i) events.push_back(Event("alice", i, NowSeconds()));
  auto response = EdgePost("/internal/v1/usage", DumpJson(Json{{"events", events}}));
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(response.error_field(), "events");
}

TEST_F(EdgeApi, FreeProjectPastItsQuotaIsOverQuota) {
  config_.limits.free_transforms_per_month = 20;
  StopServer();
  StartServer();
  auto alice = CreateProject("alice");
  auto paid = CreateProject("payer", "paid");
  int64_t now = NowSeconds();
  Json events = Json::array();
  for (int i = 0; i < 20; ++i) {
    events.push_back(Event("alice", i, now));
    events.push_back(Event("payer", i, now));
  }
  ASSERT_EQ(EdgePost("/internal/v1/usage", DumpJson(Json{{"events", events}})).status, 200);
  EXPECT_EQ(EdgeGet("/internal/v1/tenants/alice").json()["state"], "active") << "at the quota";
  Json one_more{{"events", Json::array({Event("alice", 99, now), Event("payer", 99, now)})}};
  ASSERT_EQ(EdgePost("/internal/v1/usage", DumpJson(one_more)).status, 200);
  EXPECT_EQ(EdgeGet("/internal/v1/tenants/alice").json()["state"], "over_quota");
  EXPECT_EQ(EdgeGet("/internal/v1/tenants/payer").json()["state"], "active");
  EXPECT_EQ(Get("/v1/usage", alice).json()["state"], "over_quota");
}

}  // namespace
}  // namespace immagin::cp::testing
