#include "project_removal.h"

#include "calendar.h"
#include "purge_outbox.h"

namespace immagin::cp {

ApiStatus RemoveProject(Services& services, int64_t project_id) {
  auto project = services.projects.FindById(project_id);
  if (!project.ok()) return project.error();
  if (auto status = services.storage.DeleteProject(project->storage_namespace); !status.ok())
    return status;
  // The purge of its cached transforms commits with the row's deletion.
  auto status = services.projects.Delete(project_id, [&](sqlite3* db) {
    return EnqueueTenantPurge(db, project->tenant_id, NowMillis(),
                              services.config.purge.repeat_seconds);
  });
  if (status.ok()) services.purge_sender.Notify();
  return status;
}

ApiStatus RemoveAccount(Services& services, int64_t account_id) {
  auto projects = services.accounts.ProjectIds(account_id);
  if (!projects.ok()) return projects.error();
  for (int64_t project_id : projects.value())
    if (auto status = RemoveProject(services, project_id); !status.ok()) return status;
  return services.accounts.Delete(account_id);
}

}  // namespace immagin::cp
