#include "immagin/tenant_config.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace immagin {
namespace {

std::string Bytes(int n) {
  std::string bytes;
  for (int i = 0; i < n; ++i) bytes += static_cast<char>(i);
  return bytes;
}

// Pinned: the control plane writes this text and every edge host parses it, so a change
// to a name, a spelling or what is left out shows up here first.
struct Golden {
  TenantConfig config;
  const char* json;
};

const std::vector<Golden>& GoldenConfigs() {
  static const std::vector<Golden> golden = {
      {{"demo", ProjectState::kActive, {{"s1", Bytes(32), std::nullopt}}, "7"},
       R"({"secrets":[{"id":"s1","secret":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","validUntil":null}],"state":"active","storageNamespace":"7","tenant":"demo"})"},
      // A rotation: the new secret first, the previous one until its grace ends.
      {{"acme-co",
        ProjectState::kOverQuota,
        {{"s2", "\xfb\xff", std::nullopt}, {"s1", Bytes(3), 1'790'000'000}},
        "acme-co_2"},
       R"({"secrets":[{"id":"s2","secret":"-_8","validUntil":null},{"id":"s1","secret":"AAEC","validUntil":1790000000}],"state":"over_quota","storageNamespace":"acme-co_2","tenant":"acme-co"})"},
      // A tenants file may name no namespace: the edge reads under the tenant.
      {{"demo", ProjectState::kSuspended, {}, ""},
       R"({"secrets":[],"state":"suspended","tenant":"demo"})"},
  };
  return golden;
}

TEST(TenantConfig, WritesTheGoldenText) {
  for (const Golden& g : GoldenConfigs()) EXPECT_EQ(DumpJson(TenantConfigJson(g.config)), g.json);
}

TEST(TenantConfig, ParsesTheGoldenTextBack) {
  for (const Golden& g : GoldenConfigs()) {
    auto parsed = ParseTenantConfig(g.json);
    ASSERT_TRUE(parsed.ok()) << g.json << ": " << parsed.error().ToString();
    EXPECT_EQ(*parsed, g.config) << g.json;
  }
}

TEST(TenantConfig, AHandWrittenTenantsFileNeedsOnlyTenantAndSecrets) {
  // Members in any order, unknown ones ignored, state active and no namespace by default.
  auto parsed = ParseTenantConfig(
      R"({"tenant":"demo","plan":"free","secrets":[{"secret":"AAEC","id":"s1","note":"x"}]})");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  const TenantConfig expected{"demo", ProjectState::kActive, {{"s1", Bytes(3), std::nullopt}}, ""};
  EXPECT_EQ(*parsed, expected);
}

TEST(TenantConfig, MalformedConfigsAreRejectedNamingTheField) {
  const std::string ns65(65, 'a');
  struct Case {
    std::string json;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"not json", "tenant config"},
      {"[]", "tenant config"},
      {R"({"tenant":"demo","tenant":"demo","secrets":[]})", "tenant config"},
      {R"({"secrets":[]})", "tenant"},
      {R"({"tenant":7,"secrets":[]})", "tenant"},
      {R"({"tenant":"Demo_Co","secrets":[]})", "tenant"},
      {R"({"tenant":"demo","state":"gone","secrets":[]})", "state"},
      {R"({"tenant":"demo","state":1,"secrets":[]})", "state"},
      {R"({"tenant":"demo","state":null,"secrets":[]})", "state"},
      {R"({"tenant":"demo","storageNamespace":"../x","secrets":[]})", "storageNamespace"},
      {R"({"tenant":"demo","storageNamespace":"","secrets":[]})", "storageNamespace"},
      {R"({"tenant":"demo","storageNamespace":"A","secrets":[]})", "storageNamespace"},
      {R"({"tenant":"demo","storageNamespace":7,"secrets":[]})", "storageNamespace"},
      {R"({"tenant":"demo","storageNamespace":")" + ns65 + R"(","secrets":[]})",
       "storageNamespace"},
      {R"({"tenant":"demo"})", "secrets"},
      {R"({"tenant":"demo","secrets":{}})", "secrets"},
      {R"({"tenant":"demo","secrets":["s1"]})", "secrets[0]"},
      {R"({"tenant":"demo","secrets":[{"secret":"AAEC"}]})", "secrets[0].id"},
      {R"({"tenant":"demo","secrets":[{"id":1,"secret":"AAEC"}]})", "secrets[0].id"},
      {R"({"tenant":"demo","secrets":[{"id":"s1"}]})", "secrets[0].secret"},
      {R"({"tenant":"demo","secrets":[{"id":"s1","secret":[1]}]})", "secrets[0].secret"},
      // Not base64url: padding, the standard alphabet, a stray character, an empty key.
      {R"({"tenant":"demo","secrets":[{"id":"s1","secret":"AAE="}]})", "secrets[0].secret"},
      {R"({"tenant":"demo","secrets":[{"id":"s1","secret":"+/8"}]})", "secrets[0].secret"},
      {R"({"tenant":"demo","secrets":[{"id":"s1","secret":"AAEC"},{"id":"s2","secret":"!!"}]})",
       "secrets[1].secret"},
      {R"({"tenant":"demo","secrets":[{"id":"s1","secret":""}]})", "secrets[0].secret"},
      {R"({"tenant":"demo","secrets":[{"id":"s1","secret":"AAEC","validUntil":"soon"}]})",
       "secrets[0].validUntil"},
      {R"({"tenant":"demo","secrets":[{"id":"s1","secret":"AAEC","validUntil":1.5}]})",
       "secrets[0].validUntil"},
      {R"({"tenant":"demo","secrets":[{"id":"s1","secret":"AAEC","validUntil":18446744073709551615}]})",
       "secrets[0].validUntil"},
  };
  for (const Case& c : cases) {
    auto parsed = ParseTenantConfig(c.json);
    ASSERT_FALSE(parsed.ok()) << c.json;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << c.json;
    EXPECT_EQ(parsed.error().field, c.field) << c.json << ": " << parsed.error().ToString();
  }
}

}  // namespace
}  // namespace immagin
