// Where a host fetches a tenant's config and an original from: the URL and headers, so
// hosts that do their own I/O (the wasm module's worker) and luna-server ask the same way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "immagin/sigv4.h"

namespace luna {

struct StorageConfig {
  std::string control_plane_url;  // tenants, and originals unless S3 is set
  std::string edge_token;         // bearer token of the control plane's internal API
  // S3-compatible storage, path style: {endpoint}/{bucket}/{prefix}{storage namespace}/{key}.
  std::string s3_endpoint;
  std::string s3_bucket;
  std::string s3_prefix;
  immagin::S3Credentials s3_credentials;
};

struct FetchRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
};

FetchRequest TenantRequest(const StorageConfig& storage, std::string_view tenant);
// `now` (unix seconds) dates the S3 signature.
// The control plane is asked by tenant, S3 by the tenant's storage namespace.
FetchRequest OriginalRequest(const StorageConfig& storage, std::string_view tenant,
                             std::string_view storage_namespace, std::string_view key, int64_t now);

}  // namespace luna
