// The state the edge acts on (immagin/project_state.h), from the project's suspension flag
// and, for a free plan, this month's usage.
#pragma once

#include "accounts/project_store.h"
#include "immagin/project_state.h"
#include "services.h"

namespace immagin::cp {

Result<ProjectState> TenantState(Services& services, const Project& project, int64_t now);

}  // namespace immagin::cp
