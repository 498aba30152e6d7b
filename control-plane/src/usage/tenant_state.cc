#include "usage/tenant_state.h"

#include "calendar.h"

namespace immagin::cp {

Result<ProjectState> TenantState(Services& services, const Project& project, int64_t now) {
  if (project.suspended) return ProjectState::kSuspended;
  auto account = services.accounts.Find(project.account_id);
  if (!account.ok()) return account.error();
  if (account->plan == "free") {
    auto used = services.usage.MonthTransforms(project.id, MonthOf(now));
    if (!used.ok()) return used.error();
    if (used.value() > services.config.limits.free_transforms_per_month)
      return ProjectState::kOverQuota;
  }
  return ProjectState::kActive;
}

}  // namespace immagin::cp
