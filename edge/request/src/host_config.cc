#include <cstdlib>

#include "luna/host_protocol.h"

namespace luna {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
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
  if (std::string ttl = Env("LUNA_TENANT_CACHE_SECONDS"); !ttl.empty()) {
    char* end = nullptr;
    const long v = std::strtol(ttl.c_str(), &end, 10);
    if (*end != '\0' || v < 0 || v > 86400) {
      return immagin::InvalidArgument("LUNA_TENANT_CACHE_SECONDS",
                                      "must be an integer between 0 and 86400");
    }
    c.tenant_cache_seconds = static_cast<int>(v);
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
