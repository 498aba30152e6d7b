#include "control_plane_fixture.h"

namespace immagin::cp::testing {
namespace {

class ApiKeys : public ControlPlaneTest {};

TEST_F(ApiKeys, CreateShowsTheKeyOnceAndListShowsOnlyThePrefix) {
  auto alice = CreateProject("alice");
  auto created = Post("/v1/keys", R"({"name":"ci"})", alice);
  ASSERT_EQ(created.status, 201) << created.body;
  auto json = created.json();
  std::string key = json["key"].get<std::string>();
  EXPECT_EQ(key.rfind("imk_", 0), 0u);
  EXPECT_GE(key.size(), 4u + 22u);
  for (char c : key.substr(4)) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << key;
  EXPECT_EQ(json["prefix"], key.substr(0, 8));
  EXPECT_EQ(json["name"], "ci");
  EXPECT_TRUE(json["createdAt"].is_string());
  EXPECT_EQ(created.headers["cache-control"], "no-store");

  auto list = Get("/v1/keys", alice);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find(key), std::string::npos) << "full key leaked in list";
  auto keys = list.json()["keys"];
  ASSERT_EQ(keys.size(), 2u);  // the fixture's key and this one
  EXPECT_EQ(keys[1]["id"], json["id"]);
  EXPECT_EQ(keys[1]["prefix"], key.substr(0, 8));
  EXPECT_FALSE(keys[1].contains("key"));
}

TEST_F(ApiKeys, NewKeyWorksAndRecordsLastUsed) {
  auto alice = CreateProject("alice");
  auto created = Post("/v1/keys", R"({"name":"second"})", alice).json();
  TestProject second = alice;
  second.auth = "Authorization: Bearer " + created["key"].get<std::string>();
  EXPECT_EQ(Get("/v1/project", second).status, 200);
  auto keys = Get("/v1/keys", alice).json()["keys"];
  bool seen = false;
  for (const auto& k : keys)
    if (k["id"] == created["id"]) {
      seen = true;
      EXPECT_TRUE(k.contains("lastUsedAt")) << k.dump();
    }
  EXPECT_TRUE(seen);
}

TEST_F(ApiKeys, KeysAreStoredOnlyAsHashes) {
  auto alice = CreateProject("alice");
  std::string raw;
  auto status = admin_db_->Run([&](Connection& db) -> Status {
    Statement rows(db, "SELECT id, name, prefix, hash, created_at FROM api_keys");
    while (rows.Step())
      for (int c = 0; c < 5; ++c) raw += rows.Blob(c) + "|";
    return {};
  });
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(raw.find(alice.key.substr(4)), std::string::npos);
}

TEST_F(ApiKeys, RevokedKeyIsRefusedAtOnce) {
  auto alice = CreateProject("alice");
  auto created = Post("/v1/keys", R"({"name":"doomed"})", alice).json();
  TestProject doomed = alice;
  doomed.auth = "Authorization: Bearer " + created["key"].get<std::string>();
  ASSERT_EQ(Get("/v1/images", doomed).status, 200);
  auto revoked = Delete("/v1/keys/" + created["id"].get<std::string>(), alice);
  EXPECT_EQ(revoked.status, 204);
  auto refused = Get("/v1/images", doomed);
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.error_code(), "unauthenticated");
  // Revoking again, or an unknown id: 404 naming the id.
  auto again = Delete("/v1/keys/" + created["id"].get<std::string>(), alice);
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(again.error_field(), "id");
  auto list = Get("/v1/keys", alice).json()["keys"];
  EXPECT_EQ(list.size(), 1u);
}

TEST_F(ApiKeys, MissingMalformedOrUnknownKeysGet401) {
  CreateProject("alice");
  EXPECT_EQ(Send("GET", Url("/v1/images")).status, 401);
  EXPECT_EQ(Send("GET", Url("/v1/images"), "", {"Authorization: Basic abc"}).status, 401);
  EXPECT_EQ(Send("GET", Url("/v1/images"), "", {"Authorization: Bearer imk_short"}).status, 401);
  auto unknown =
      Send("GET", Url("/v1/images"), "", {"Authorization: Bearer imk_000000000000000000000000"});
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.error_code(), "unauthenticated");
  EXPECT_EQ(Send("POST", Url("/v1/images/presign"), R"({"key":"a.jpg"})").status, 401);
  EXPECT_EQ(Send("GET", Url("/v1/usage")).status, 401);
  EXPECT_EQ(Send("GET", Url("/v1/project")).status, 401);
  EXPECT_EQ(Send("POST", Url("/v1/keys"), R"({"name":"x"})").status, 401);
}

TEST_F(ApiKeys, CreateValidatesTheName) {
  auto alice = CreateProject("alice");
  auto missing = Post("/v1/keys", "{}", alice);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.error_field(), "name");
  auto wrong_type = Post("/v1/keys", R"({"name":5})", alice);
  EXPECT_EQ(wrong_type.error_field(), "name");
  auto unknown = Post("/v1/keys", R"({"name":"a","scope":"all"})", alice);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.error_field(), "scope");
  auto not_json = Post("/v1/keys", "{nope", alice);
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(not_json.error_field(), "body");
}

TEST_F(ApiKeys, LiveKeysPerProjectAreLimited) {
  config_.limits.max_api_keys_per_project = 2;
  StopServer();
  StartServer();
  auto alice = CreateProject("alice");
  EXPECT_EQ(Post("/v1/keys", R"({"name":"b"})", alice).status, 201);
  auto third = Post("/v1/keys", R"({"name":"c"})", alice);
  EXPECT_EQ(third.status, 409);
  EXPECT_EQ(third.error_code(), "conflict");
}

TEST_F(ApiKeys, AKeyCannotSeeOrRevokeAnotherProjectsKeys) {
  auto alice = CreateProject("alice");
  auto bob = CreateProject("bobby");
  auto bob_keys = Get("/v1/keys", bob).json()["keys"];
  ASSERT_EQ(bob_keys.size(), 1u);
  std::string bob_key_id = bob_keys[0]["id"].get<std::string>();
  auto alice_keys = Get("/v1/keys", alice).json()["keys"];
  ASSERT_EQ(alice_keys.size(), 1u);
  EXPECT_NE(alice_keys[0]["id"], bob_key_id);
  EXPECT_EQ(Delete("/v1/keys/" + bob_key_id, alice).status, 404);
  EXPECT_EQ(Get("/v1/images", bob).status, 200) << "bob's key must still work";
}

}  // namespace
}  // namespace immagin::cp::testing
