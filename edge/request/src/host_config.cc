#include "luna/host_protocol.h"

namespace luna {
namespace {

using immagin::NumberSetting;
using immagin::Setting;
using immagin::TextSetting;

const std::vector<Setting<immagin::S3Credentials>>& CredentialSettings() {
  using C = immagin::S3Credentials;
  // Credentials never on a command line (`ps` shows it to every user of the machine).
  static const std::vector<Setting<C>> table = {
      TextSetting("LUNA_S3_REGION", "s3-region", "the bucket's region", &C::region),
      TextSetting("LUNA_S3_ACCESS_KEY_ID", "", "the bucket's access key (a secret)",
                  &C::access_key),
      TextSetting("LUNA_S3_SECRET_ACCESS_KEY", "", "the bucket's secret key (a secret)",
                  &C::secret_key),
  };
  return table;
}

const std::vector<Setting<StorageConfig>>& StorageSettings() {
  using C = StorageConfig;
  static const std::vector<Setting<C>> table = [] {
    std::vector<Setting<C>> t = {
        TextSetting("LUNA_CONTROL_PLANE_URL", "control-plane-url",
                    "tenant configs (and originals, unless S3 is set) from the control plane",
                    &C::control_plane_url),
        TextSetting("LUNA_EDGE_TOKEN", "edge-token",
                    "the control plane's internal API token (a secret; see LUNA_EDGE_TOKEN_FILE)",
                    &C::edge_token),
        TextSetting("LUNA_S3_ENDPOINT", "s3-endpoint",
                    "originals straight from S3-compatible storage, path style", &C::s3_endpoint),
        TextSetting("LUNA_S3_BUCKET", "s3-bucket", "the originals' bucket", &C::s3_bucket),
        TextSetting("LUNA_S3_PREFIX", "s3-prefix", "key prefix: {prefix}{namespace}/{key}",
                    &C::s3_prefix),
    };
    for (auto& s : immagin::Nest(CredentialSettings(), &C::s3_credentials)) t.push_back(s);
    return t;
  }();
  return table;
}

}  // namespace

const std::vector<Setting<HostConfig>>& HostSettings() {
  using C = HostConfig;
  static const std::vector<Setting<C>> table = [] {
    std::vector<Setting<C>> t = {
        TextSetting("LUNA_CDN_DOMAIN", "cdn-domain", "also serve the host form {tenant}.{domain}",
                    &C::cdn_domain),
        NumberSetting("LUNA_MAX_QUEUE", "max-queue",
                      "renders a host holds (waiting or running); more get a 503 + Retry-After",
                      &C::max_queue, 0, 100000),
        NumberSetting("LUNA_TENANT_CACHE_SECONDS", "tenant-cache-seconds",
                      "a tenant config (or an unknown tenant) is used this long without asking",
                      &C::tenant_cache_seconds, 0, 86400),
        NumberSetting("LUNA_TENANT_MAX_STALE_SECONDS", "tenant-max-stale-seconds",
                      "past that, how long a config still serves while the control plane fails",
                      &C::tenant_max_stale_seconds, 0, 604800),
        NumberSetting("LUNA_CONTROL_PLANE_TIMEOUT_MS", "control-plane-timeout-ms",
                      "how long a tenant config may take to arrive", &C::control_plane_timeout_ms,
                      100, 60000),
        NumberSetting("LUNA_MAX_TENANT_CACHE", "max-tenant-cache",
                      "tenants, known or not, whose answers are kept, oldest out first",
                      &C::tenant_cache_entries, 1, 1000000),
        NumberSetting("LUNA_USAGE_FLUSH_MS", "usage-flush-ms",
                      "usage events wait this long before a batch is sealed and sent",
                      &C::usage_flush_ms, 10, 3'600'000),
        NumberSetting("LUNA_MAX_PENDING_USAGE", "",
                      "usage events a Worker holds unsent; beyond, new ones are dropped",
                      &C::max_pending_usage, 1, 1000000),
    };
    for (auto& s : immagin::Nest(StorageSettings(), &C::storage)) t.push_back(s);
    for (auto& s : immagin::Nest(EngineSettings(), &C::engine)) t.push_back(s);
    return t;
  }();
  return table;
}

immagin::Result<HostConfig> HostConfig::FromEnvironment() {
  return immagin::ConfigFromEnvironment(HostSettings(), &HostConfig::ValidateForWorker);
}

immagin::Status HostConfig::Validate(bool needs_control_plane) const {
  if (needs_control_plane && storage.control_plane_url.empty()) {
    return immagin::InvalidArgument("LUNA_CONTROL_PLANE_URL",
                                    "is required: tenant configs come from the control plane");
  }
  if (!storage.control_plane_url.empty() && storage.edge_token.empty()) {
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

immagin::Status HostConfig::ValidateForWorker() const { return Validate(true); }

}  // namespace luna
