// Where the edge learns a tenant's signing secrets and state: a JSON file (development) or
// the control plane's internal API, cached for a short TTL.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "luna/delivery.h"

namespace luna {

class TenantSource {
 public:
  virtual ~TenantSource() = default;
  // kNotFound for an unknown tenant.
  virtual immagin::Result<TenantConfig> Lookup(const std::string& tenant) = 0;
  // The tenant's config from its source, past any cache: for a URL signed with a secret
  // newer than the cached config (a rotation). An error when there is nothing fresher.
  virtual immagin::Result<TenantConfig> Refresh(const std::string& tenant) {
    return immagin::Error{immagin::ErrorCode::kUnavailable, "tenant",
                          "no fresher config for \"" + tenant + "\""};
  }
};

// {"tenants": [<tenant config>, ...]}, read once at start.
immagin::Result<std::unique_ptr<TenantSource>> TenantsFromFile(const std::string& path);

std::unique_ptr<TenantSource> TenantsFromControlPlane(std::string base_url, std::string edge_token,
                                                      std::chrono::seconds ttl);

}  // namespace luna
