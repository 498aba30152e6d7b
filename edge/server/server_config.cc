#include "server_config.h"

#include <cstdlib>
#include <fstream>
#include <map>

namespace luna {
namespace {

// Flag name → environment variable; flags win.
const std::map<std::string, std::string>& Names() {
  static const std::map<std::string, std::string> names = {
      {"listen", "LUNA_LISTEN"},
      {"cdn-domain", "LUNA_CDN_DOMAIN"},
      {"tenants-file", "LUNA_TENANTS_FILE"},
      {"control-plane-url", "LUNA_CONTROL_PLANE_URL"},
      {"edge-token", "LUNA_EDGE_TOKEN"},
      {"edge-token-file", "LUNA_EDGE_TOKEN_FILE"},
      {"originals-dir", "LUNA_ORIGINALS_DIR"},
      {"s3-endpoint", "LUNA_S3_ENDPOINT"},
      {"s3-bucket", "LUNA_S3_BUCKET"},
      {"s3-prefix", "LUNA_S3_PREFIX"},
      {"s3-region", "LUNA_S3_REGION"},
      {"data-dir", "LUNA_DATA_DIR"},
      {"max-concurrent", "LUNA_MAX_CONCURRENT"},
      {"max-queue", "LUNA_MAX_QUEUE"},
      {"tenant-cache-seconds", "LUNA_TENANT_CACHE_SECONDS"},
      {"usage-flush-ms", "LUNA_USAGE_FLUSH_MS"},
  };
  return names;
}

immagin::Status ReadInt(const std::map<std::string, std::string>& values, const std::string& name,
                        int& field, int min, int max) {
  const auto it = values.find(name);
  if (it == values.end()) return {};
  char* end = nullptr;
  const long v = std::strtol(it->second.c_str(), &end, 10);
  if (it->second.empty() || *end != '\0' || v < min || v > max) {
    return immagin::InvalidArgument(
        Names().at(name),
        "must be an integer between " + std::to_string(min) + " and " + std::to_string(max));
  }
  field = static_cast<int>(v);
  return {};
}

}  // namespace

immagin::Result<ServerConfig> ServerConfig::Load(int argc, char** argv) {
  std::map<std::string, std::string> values;
  for (const auto& [flag, env] : Names()) {
    if (const char* v = std::getenv(env.c_str()); v != nullptr && *v != '\0') values[flag] = v;
  }
  for (int i = 1; i < argc; i += 2) {
    std::string flag = argv[i];
    if (!flag.starts_with("--") || !Names().contains(flag.substr(2))) {
      return immagin::InvalidArgument(flag, "unknown option");
    }
    if (i + 1 >= argc) return immagin::InvalidArgument(flag, "needs a value");
    values[flag.substr(2)] = argv[i + 1];
  }
  ServerConfig c;
  auto text = [&](const char* name, std::string& field) {
    if (const auto it = values.find(name); it != values.end()) field = it->second;
  };
  text("listen", c.listen);
  text("cdn-domain", c.cdn_domain);
  text("tenants-file", c.tenants_file);
  text("control-plane-url", c.control_plane_url);
  text("edge-token", c.edge_token);
  // The token reads every tenant's secrets and originals: keep it out of argv (`ps`).
  if (const auto it = values.find("edge-token-file"); it != values.end()) {
    std::ifstream in(it->second);
    if (!in || !std::getline(in, c.edge_token) || c.edge_token.empty()) {
      return immagin::InvalidArgument("LUNA_EDGE_TOKEN_FILE",
                                      "cannot read a token from " + it->second);
    }
    if (c.edge_token.ends_with('\r')) c.edge_token.pop_back();
  }
  text("originals-dir", c.originals_dir);
  text("s3-endpoint", c.s3_endpoint);
  text("s3-bucket", c.s3_bucket);
  text("s3-prefix", c.s3_prefix);
  text("s3-region", c.s3_region);
  // Credentials never on the command line (it is visible to every user of the machine).
  if (const char* v = std::getenv("LUNA_S3_ACCESS_KEY_ID")) c.s3_access_key_id = v;
  if (const char* v = std::getenv("LUNA_S3_SECRET_ACCESS_KEY")) c.s3_secret_access_key = v;
  text("data-dir", c.data_dir);
  for (const immagin::Status& s :
       {ReadInt(values, "max-concurrent", c.max_concurrent, 1, 256),
        ReadInt(values, "max-queue", c.max_queue, 0, 100000),
        ReadInt(values, "tenant-cache-seconds", c.tenant_cache_seconds, 0, 86400),
        ReadInt(values, "usage-flush-ms", c.usage_flush_ms, 10, 3'600'000)}) {
    if (!s) return s.error();
  }
  auto engine = EngineConfig::FromEnvironment();
  if (!engine) return engine.error();
  c.engine = *engine;
  if (auto s = c.Validate(); !s) return s.error();
  return c;
}

immagin::Status ServerConfig::Validate() const {
  if (listen.find(':') == std::string::npos) {
    return immagin::InvalidArgument("LUNA_LISTEN", "must be host:port");
  }
  if (tenants_file.empty() == control_plane_url.empty()) {
    return immagin::InvalidArgument(
        "LUNA_TENANTS_FILE", "set exactly one of LUNA_TENANTS_FILE and LUNA_CONTROL_PLANE_URL");
  }
  if (!control_plane_url.empty() && edge_token.empty()) {
    return immagin::InvalidArgument("LUNA_EDGE_TOKEN", "is required with LUNA_CONTROL_PLANE_URL");
  }
  if (!originals_dir.empty() && !s3_endpoint.empty()) {
    return immagin::InvalidArgument("LUNA_S3_ENDPOINT",
                                    "set at most one of LUNA_ORIGINALS_DIR and LUNA_S3_ENDPOINT");
  }
  if (originals_dir.empty() && s3_endpoint.empty() && control_plane_url.empty()) {
    return immagin::InvalidArgument("LUNA_ORIGINALS_DIR",
                                    "set LUNA_ORIGINALS_DIR or LUNA_S3_ENDPOINT unless originals "
                                    "come from LUNA_CONTROL_PLANE_URL");
  }
  if (!s3_endpoint.empty() &&
      (s3_bucket.empty() || s3_access_key_id.empty() || s3_secret_access_key.empty())) {
    return immagin::InvalidArgument("LUNA_S3_BUCKET",
                                    "LUNA_S3_ENDPOINT needs LUNA_S3_BUCKET, LUNA_S3_ACCESS_KEY_ID "
                                    "and LUNA_S3_SECRET_ACCESS_KEY");
  }
  return engine.Validate();
}

}  // namespace luna
