#include <gtest/gtest.h>

#include <map>

#include "config.h"

namespace immagin::cp {
namespace {

EnvLookup Env(const std::map<std::string, std::string>& values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST(Config, DefaultsAreValid) {
  auto config = LoadConfig({}, Env({}));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->listen_port, 8081);
  EXPECT_EQ(config->presign_ttl_seconds, 300);
  EXPECT_EQ(config->limits.free_transforms_per_month, 25'000);
  EXPECT_EQ(config->DeliveryBaseUrl("demo"), "http://127.0.0.1:8080/demo");
}

TEST(Config, FlagsOverrideTheEnvironment) {
  auto config = LoadConfig({"--listen", "0.0.0.0:9000", "--max-upload-bytes=1000"},
                           Env({{"IMMAGIN_CP_LISTEN", "127.0.0.1:7000"},
                                {"IMMAGIN_DATA_DIR", "/srv/immagin"},
                                {"IMMAGIN_CDN_DOMAIN", "img.example.com"}}));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->listen_host, "0.0.0.0");
  EXPECT_EQ(config->listen_port, 9000);
  EXPECT_EQ(config->data_dir, "/srv/immagin");
  EXPECT_EQ(config->limits.max_upload_bytes, 1000);
  EXPECT_EQ(config->DeliveryBaseUrl("demo"), "https://demo.img.example.com");
}

TEST(Config, BadValuesNameTheSetting) {
  struct Case {
    std::vector<std::string> args;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{
           {{"--listen", "nowhere"}, "listen"},
           {{"--listen", "127.0.0.1:70000"}, "listen"},
           {{"--threads", "0"}, "threads"},
           {{"--max-upload-bytes", "12MB"}, "max-upload-bytes"},
           {{"--edge-token", "short"}, "edge-token"},
           {{"--public-url", "ftp://x"}, "public-url"},
           {{"--public-url", "http://x/"}, "public-url"},
           {{"--cdn-domain", "https://cdn.example.com"}, "cdn-domain"},
           {{"--list-default-limit", "50", "--list-max-limit", "10"}, "list-default-limit"},
           {{"--no-such-flag", "1"}, "no-such-flag"},
           {{"--threads"}, "threads"},
       }) {
    auto config = LoadConfig(c.args, Env({}));
    ASSERT_FALSE(config.ok()) << c.args[0];
    EXPECT_EQ(config.error().field, c.field);
    EXPECT_FALSE(config.error().message.empty());
  }
  for (const auto& c : std::vector<Case>{
           {{"--storage", "ftp"}, "storage"},
           {{"--storage", "s3"}, "s3-endpoint"},
           {{"--storage", "s3", "--s3-endpoint", "http://127.0.0.1:9000"}, "s3-bucket"},
           {{"--storage", "s3", "--s3-endpoint", "http://127.0.0.1:9000", "--s3-bucket", "Bad_B"},
            "s3-bucket"},
           {{"--storage", "s3", "--s3-endpoint", "http://127.0.0.1:9000", "--s3-bucket", "b"},
            "s3-access-key"},
           {{"--storage", "s3", "--s3-endpoint", "http://127.0.0.1:9000", "--s3-bucket", "b",
             "--s3-access-key", "AK"},
            "s3-secret-key"},
       }) {
    auto config = LoadConfig(c.args, Env({}));
    ASSERT_FALSE(config.ok()) << c.field;
    EXPECT_EQ(config.error().field, c.field);
  }
  auto s3 = LoadConfig({}, Env({{"IMMAGIN_STORAGE", "s3"},
                                {"IMMAGIN_S3_ENDPOINT", "https://s3.eu-west-1.amazonaws.com"},
                                {"IMMAGIN_S3_BUCKET", "originals"},
                                {"IMMAGIN_S3_ACCESS_KEY", "AK"},
                                {"IMMAGIN_S3_SECRET_KEY", "SK"}}));
  EXPECT_TRUE(s3.ok()) << s3.error().message;
  for (const auto& c : std::vector<Case>{
           {{"--purge-varnish-url", "127.0.0.1:8080"}, "purge-varnish-url"},
           {{"--purge-varnish-url", "http://127.0.0.1:8080/"}, "purge-varnish-url"},
           {{"--cloudflare-zone-id", "023e105f4ecef8ad9ca31a8372d0c353"}, "cloudflare-api-token"},
           {{"--cloudflare-api-token", "t"}, "cloudflare-zone-id"},
           {{"--cloudflare-zone-id", "zone/../x", "--cloudflare-api-token", "t"},
            "cloudflare-zone-id"},
           {{"--cloudflare-zone-id", "abc", "--cloudflare-api-token", "t\r\nX-Evil: 1"},
            "cloudflare-api-token"},
           {{"--cloudflare-api-url", "api.cloudflare.com"}, "cloudflare-api-url"},
           {{"--purge-repeat-seconds", "-1"}, "purge-repeat-seconds"},
       }) {
    auto config = LoadConfig(c.args, Env({}));
    ASSERT_FALSE(config.ok()) << c.field;
    EXPECT_EQ(config.error().field, c.field);
  }
  auto purges = LoadConfig({"--purge-varnish-url", "http://127.0.0.1:8080"},
                           Env({{"IMMAGIN_CLOUDFLARE_ZONE_ID", "023e105f4ecef8ad9ca31a8372d0c353"},
                                {"IMMAGIN_CLOUDFLARE_API_TOKEN", "token"},
                                {"IMMAGIN_PURGE_REPEAT_SECONDS", "45"}}));
  ASSERT_TRUE(purges.ok()) << purges.error().message;
  EXPECT_TRUE(purges->purge.varnish() && purges->purge.cloudflare());
  EXPECT_EQ(purges->purge.repeat_seconds, 45);
  EXPECT_EQ(purges->purge.cloudflare_api_url, "https://api.cloudflare.com/client/v4");
  EXPECT_EQ(LoadConfig({}, Env({}))->purge.repeat_seconds, 31);
  auto from_env = LoadConfig({}, Env({{"IMMAGIN_PRESIGN_TTL_SECONDS", "-1"}}));
  ASSERT_FALSE(from_env.ok());
  EXPECT_EQ(from_env.error().field, "presign-ttl");
}

}  // namespace
}  // namespace immagin::cp
