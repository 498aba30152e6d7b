// A leaked signing secret: rotation with graceSeconds 0 must revoke it at once, as the
// edge sees it (the internal tenant configuration), not after the default grace.
#include "calendar.h"
#include "control_plane_fixture.h"

namespace immagin::cp::testing {
namespace {

class SecretRevocation : public ControlPlaneTest {
 protected:
  std::vector<std::string> EdgeSecretIds(const std::string& tenant) {
    auto config = EdgeGet("/internal/v1/tenants/" + tenant);
    EXPECT_EQ(config.status, 200) << config.body;
    std::vector<std::string> ids;
    Json json = config.json();
    for (const auto& secret : json["secrets"]) ids.push_back(secret["id"].get<std::string>());
    return ids;
  }
};

TEST_F(SecretRevocation, RotationWithZeroGraceRevokesTheLeakedSecretAtOnce) {
  auto alice = CreateProject("alice");
  auto leaked = EdgeSecretIds("alice");
  ASSERT_EQ(leaked.size(), 1u);
  auto rotated = Post("/v1/project/rotate-secret", R"({"graceSeconds":0})", alice);
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  auto now_valid = EdgeSecretIds("alice");
  ASSERT_EQ(now_valid.size(), 1u) << "the leaked secret still verifies";
  EXPECT_NE(now_valid[0], leaked[0]);
  EXPECT_EQ(now_valid[0], rotated.json()["signingSecret"]["id"].get<std::string>());
  EXPECT_EQ(rotated.json()["graceSeconds"], 0);
}

TEST_F(SecretRevocation, ZeroGraceAlsoEndsOlderSecretsStillInTheirGrace) {
  auto alice = CreateProject("alice");
  ASSERT_EQ(Post("/v1/project/rotate-secret", "", alice).status, 200);
  ASSERT_EQ(EdgeSecretIds("alice").size(), 2u) << "the default rotation keeps the old one";
  ASSERT_EQ(Post("/v1/project/rotate-secret", R"({"graceSeconds":0})", alice).status, 200);
  EXPECT_EQ(EdgeSecretIds("alice").size(), 1u);
}

TEST_F(SecretRevocation, AShorterGraceBoundsThePreviousSecret) {
  auto alice = CreateProject("alice");
  int64_t before = NowSeconds();
  auto rotated = Post("/v1/project/rotate-secret", R"({"graceSeconds":60})", alice);
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  auto config = EdgeGet("/internal/v1/tenants/alice").json();
  ASSERT_EQ(config["secrets"].size(), 2u);
  int64_t until = config["secrets"][1]["validUntil"].get<int64_t>();
  EXPECT_GE(until, before + 60);
  EXPECT_LE(until, NowSeconds() + 60);
}

TEST_F(SecretRevocation, AGraceOutOfRangeOrOfTheWrongTypeIsRefusedNamingTheField) {
  auto alice = CreateProject("alice");
  std::string too_long = std::to_string(config_.secret_grace_seconds + 1);
  for (const std::string& body :
       {std::string(R"({"graceSeconds":-1})"), R"({"graceSeconds":)" + too_long + "}",
        std::string(R"({"graceSeconds":"0"})"), std::string(R"({"graceSeconds":1.5})"),
        std::string(R"({"graceSeconds":null})"), std::string(R"({"graceSeconds":true})")}) {
    auto refused = Post("/v1/project/rotate-secret", body, alice);
    EXPECT_EQ(refused.status, 400) << body;
    EXPECT_EQ(refused.error_field(), "graceSeconds") << body << " → " << refused.body;
  }
  auto unknown = Post("/v1/project/rotate-secret", R"({"grace":0})", alice);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.error_field(), "grace");
  EXPECT_EQ(EdgeSecretIds("alice").size(), 1u) << "no refused request rotated anything";
}

}  // namespace
}  // namespace immagin::cp::testing
