#include <cstdlib>

#include "luna/host_protocol.h"

namespace luna {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

immagin::Status ReadInt(const char* name, int& field, long min, long max) {
  const std::string text = Env(name);
  if (text.empty()) return {};
  char* end = nullptr;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (*end != '\0' || v < min || v > max) {
    return immagin::InvalidArgument(
        name, "must be an integer between " + std::to_string(min) + " and " + std::to_string(max));
  }
  field = static_cast<int>(v);
  return {};
}

}  // namespace

immagin::Result<HostConfig> HostConfig::FromEnvironment() {
  HostConfig c;
  c.cdn_domain = Env("LUNA_CDN_DOMAIN");
  c.storage.control_plane_url = Env("LUNA_CONTROL_PLANE_URL");
  c.storage.edge_token = Env("LUNA_EDGE_TOKEN");
  c.storage.s3_endpoint = Env("LUNA_S3_ENDPOINT");
  c.storage.s3_bucket = Env("LUNA_S3_BUCKET");
  c.storage.s3_prefix = Env("LUNA_S3_PREFIX");
  if (std::string region = Env("LUNA_S3_REGION"); !region.empty()) {
    c.storage.s3_credentials.region = region;
  }
  c.storage.s3_credentials.access_key = Env("LUNA_S3_ACCESS_KEY_ID");
  c.storage.s3_credentials.secret_key = Env("LUNA_S3_SECRET_ACCESS_KEY");
  for (const immagin::Status& s :
       {ReadInt("LUNA_TENANT_CACHE_SECONDS", c.tenant_cache_seconds, 0, 86400),
        ReadInt("LUNA_MAX_TENANT_CACHE", c.tenant_cache_entries, 1, 1000000),
        ReadInt("LUNA_MAX_QUEUE", c.max_queue, 0, 100000),
        ReadInt("LUNA_USAGE_FLUSH_MS", c.usage_flush_ms, 0, 60000),
        ReadInt("LUNA_MAX_PENDING_USAGE", c.max_pending_usage, 1, 1000000)}) {
    if (!s) return s.error();
  }
  auto engine = EngineConfig::FromEnvironment();
  if (!engine) return engine.error();
  c.engine = *engine;
  if (auto s = c.Validate(); !s) return s.error();
  return c;
}

immagin::Status HostConfig::Validate() const {
  if (storage.control_plane_url.empty()) {
    return immagin::InvalidArgument("LUNA_CONTROL_PLANE_URL",
                                    "is required: tenant configs come from the control plane");
  }
  if (storage.edge_token.empty()) {
    return immagin::InvalidArgument("LUNA_EDGE_TOKEN", "is required with LUNA_CONTROL_PLANE_URL");
  }
  if (!storage.s3_endpoint.empty() &&
      (storage.s3_bucket.empty() || storage.s3_credentials.access_key.empty() ||
       storage.s3_credentials.secret_key.empty())) {
    return immagin::InvalidArgument("LUNA_S3_BUCKET",
                                    "LUNA_S3_ENDPOINT needs LUNA_S3_BUCKET, LUNA_S3_ACCESS_KEY_ID "
                                    "and LUNA_S3_SECRET_ACCESS_KEY");
  }
  return engine.Validate();
}

}  // namespace luna
