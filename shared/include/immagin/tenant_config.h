// What an edge needs to know of a tenant, as the control plane answers it on
// GET /internal/v1/tenants/{tenant} and as a tenants file of luna-server holds it:
//
//   {"secrets":[{"id":"s1","secret":"<base64url>","validUntil":1790000000|null}],
//    "state":"active","storageNamespace":"7","tenant":"demo"}
//
// One writer (the control plane) and one parser (both edge hosts), pinned by
// tests/unit/shared/tenant_config_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "immagin/json.h"
#include "immagin/project_state.h"
#include "immagin/signing.h"
#include "immagin/status.h"

namespace immagin {

struct TenantConfig {
  std::string tenant;
  ProjectState state = ProjectState::kActive;
  std::vector<SigningSecret> secrets;  // every active secret; a URL may be signed by any
  // Where S3-compatible storage keeps the project's originals, `{prefix}{namespace}/{key}`:
  // the control plane's never-reused "storageNamespace" (a deleted project's leftovers can
  // never reach the next project of the same id). Tenant files may leave it out (empty):
  // the edge then reads under the tenant.
  std::string storage_namespace;

  friend bool operator==(const TenantConfig&, const TenantConfig&) = default;
};

// A storage namespace becomes a path segment of every S3 read: 1 to 64 of [a-z0-9_-].
inline constexpr size_t kMaxStorageNamespaceLength = 64;

// `validUntil` is always written (null for no end); `storageNamespace` only when set.
Json TenantConfigJson(const TenantConfig& config);

// Rejects, naming the field: a missing or invalid tenant id, an unknown state, an unsafe
// storage namespace, secrets that are not an array of {id, secret, validUntil?} with a
// non-empty base64url secret and integer (or null) validUntil. `state` may be left out
// (active); unknown members are ignored, so the control plane can add some.
Result<TenantConfig> ParseTenantConfig(std::string_view json);

}  // namespace immagin
