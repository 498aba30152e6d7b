// The state the edge acts on: active, suspended (by an operator) or over_quota (a free
// project past its monthly transforms: new transforms stop, cached ones keep serving).
#pragma once

#include <string>

#include "project_store.h"
#include "services.h"

namespace immagin::cp {

ApiResult<std::string> TenantState(Services& services, const Project& project, int64_t now);

}  // namespace immagin::cp
