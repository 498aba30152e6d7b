// Where luna-server gets the tenant configs the host protocol asks for: the control plane
// (the step's URL, within its timeout) or a JSON file for development. The cache and its
// rules are the module's (luna/tenant_cache.h), the same for the Worker.
#pragma once

#include <memory>
#include <string>

#include "immagin/json.h"
#include "immagin/status.h"

namespace luna {

class TenantSource {
 public:
  virtual ~TenantSource() = default;
  // The answer for a tenant step: {"status" (0: not reached in time), "body"}.
  virtual immagin::Json Fetch(const immagin::Json& step) = 0;
};

std::unique_ptr<TenantSource> TenantsFromControlPlane();

// {"tenants": [<tenant config>, ...]}, read once at start; each answers as the control
// plane would.
immagin::Result<std::unique_ptr<TenantSource>> TenantsFromFile(const std::string& path);

}  // namespace luna
