#include "accounts/project_removal.h"

#include "calendar.h"
#include "http/structured_log.h"
#include "purge/purge_outbox.h"
#include "storage/storage_removal_queue.h"

namespace immagin::cp {
namespace {

// What goes with a project's rows: its objects' removal and the purges of its transforms.
Status QueueTeardown(Connection& db, const Project& project, int64_t purge_repeat_seconds,
                     std::vector<std::string>& namespaces) {
  int64_t now_ms = NowMillis();
  if (auto status = QueueStorageRemoval(db, project.storage_namespace, now_ms); !status.ok())
    return status;
  namespaces.push_back(project.storage_namespace);
  return EnqueueTenantPurge(db, project.tenant_id, now_ms, purge_repeat_seconds);
}

void RemoveObjects(Services& services, const std::vector<std::string>& namespaces) {
  services.purge_sender.Notify();
  if (auto status = services.storage_sweeper.RemoveNow(namespaces); !status.ok())
    LogEvent("error", "deleted project's originals left to the sweeper",
             Json{{"error", status.error().message}});
}

}  // namespace

Result<std::vector<std::string>> DeleteProjectRows(ProjectStore& projects, int64_t project_id,
                                                   int64_t purge_repeat_seconds) {
  // Its tenant id and namespace never change, so reading them first is safe.
  auto project = projects.FindById(project_id);
  if (!project.ok()) return project.error();
  std::vector<std::string> namespaces;
  auto status = projects.Delete(project_id, [&](Connection& db) {
    return QueueTeardown(db, project.value(), purge_repeat_seconds, namespaces);
  });
  if (!status.ok()) return status.error();
  return namespaces;
}

Result<std::vector<std::string>> DeleteAccountRows(AccountStore& accounts, int64_t account_id,
                                                   int64_t purge_repeat_seconds) {
  std::vector<std::string> namespaces;
  auto status = accounts.Delete(account_id, [&](Connection& db) -> Status {
    // Read inside the transaction: a project created meanwhile is deleted with the rest.
    auto projects = ProjectStore::OfAccount(db, account_id);
    if (!projects.ok()) return projects.error();
    for (const Project& project : projects.value())
      if (auto queued = QueueTeardown(db, project, purge_repeat_seconds, namespaces); !queued.ok())
        return queued;
    return {};
  });
  if (!status.ok()) return status.error();
  return namespaces;
}

Status RemoveProject(Services& services, int64_t project_id) {
  auto namespaces =
      DeleteProjectRows(services.projects, project_id, services.config.purge.repeat_seconds);
  if (!namespaces.ok()) return namespaces.error();
  RemoveObjects(services, namespaces.value());
  return {};
}

Status RemoveAccount(Services& services, int64_t account_id) {
  auto namespaces =
      DeleteAccountRows(services.accounts, account_id, services.config.purge.repeat_seconds);
  if (!namespaces.ok()) return namespaces.error();
  RemoveObjects(services, namespaces.value());
  return {};
}

}  // namespace immagin::cp
