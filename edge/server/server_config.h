// luna-server's configuration: one struct, from flags (--name value) over environment
// (LUNA_NAME), validated at start.
#pragma once

#include <chrono>
#include <string>

#include "immagin/request_limits.h"
#include "luna/engine_config.h"

namespace luna {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";  // LUNA_LISTEN / --listen
  std::string cdn_domain;                 // host form {tenant}.{cdn_domain}; empty: path form only
  // Tenants: a JSON file for development, or the control plane (with the edge token).
  std::string tenants_file;       // LUNA_TENANTS_FILE
  std::string control_plane_url;  // LUNA_CONTROL_PLANE_URL, e.g. http://127.0.0.1:8081
  std::string edge_token;         // LUNA_EDGE_TOKEN
  // Originals: a local directory ({dir}/{tenant}/{key}), S3-compatible storage, or else the
  // control plane's storage.
  std::string originals_dir;  // LUNA_ORIGINALS_DIR
  std::string s3_endpoint;    // LUNA_S3_ENDPOINT: S3-compatible storage, path style
  std::string s3_bucket;      // LUNA_S3_BUCKET: {endpoint}/{bucket}/{prefix}{tenant}/{key}
  std::string s3_prefix;      // LUNA_S3_PREFIX
  std::string s3_region = "us-east-1";  // LUNA_S3_REGION
  std::string s3_access_key_id;         // LUNA_S3_ACCESS_KEY_ID (environment only)
  std::string s3_secret_access_key;     // LUNA_S3_SECRET_ACCESS_KEY (environment only)
  std::string data_dir = "data/luna";   // usage journal
  int max_concurrent = 2;               // transforms running at once
  int max_queue = 32;                   // waiting beyond that; more is a 503 with Retry-After
  int tenant_cache_seconds = 30;        // control-plane tenant configs kept this long
  int usage_flush_ms = 2000;            // batches sent to the control plane this often
  EngineConfig engine;                  // LUNA_MAX_* and LUNA_DEADLINE_MS, see engine_config.h
  immagin::RequestLimits limits;

  static immagin::Result<ServerConfig> Load(int argc, char** argv);
  immagin::Status Validate() const;
};

}  // namespace luna
