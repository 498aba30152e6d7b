#include "storage/storage_removal_queue.h"

namespace immagin::cp {

Status QueueStorageRemoval(Connection& db, const std::string& storage_namespace, int64_t now_ms) {
  // DO NOTHING: a namespace already queued stays queued once (it cannot be, as namespaces
  // are never reused, but a second queueing must not fail a deletion).
  Statement insert(db,
                   "INSERT INTO storage_removals (storage_namespace, queued_at_ms, due_at_ms) "
                   "VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  insert.Bind(1, storage_namespace).Bind(2, now_ms).Bind(3, now_ms + kStorageRemovalHandoverMs);
  insert.Step();
  if (insert.failed()) return SqlError(db, "queueing the removal of stored originals");
  return {};
}

Result<std::vector<QueuedRemoval>> StorageRemovalQueue::Due(int64_t now_ms, int limit) {
  std::vector<QueuedRemoval> due;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement rows(db,
                   "SELECT storage_namespace, attempts FROM storage_removals WHERE due_at_ms <= ? "
                   "ORDER BY due_at_ms, storage_namespace LIMIT ?");
    rows.Bind(1, now_ms).Bind(2, static_cast<int64_t>(limit));
    while (rows.Step()) due.push_back(QueuedRemoval{rows.Text(0), static_cast<int>(rows.Int(1))});
    if (rows.failed()) return SqlError(db, "reading storage removals");
    return {};
  });
  if (!status.ok()) return status.error();
  return due;
}

Status StorageRemovalQueue::TakeOverFromBefore(int64_t started_ms) {
  return db_.Run([&](Connection& db) -> Status {
    Statement update(db,
                     "UPDATE storage_removals SET due_at_ms = ? WHERE queued_at_ms < ? AND "
                     "due_at_ms > ?");
    update.Bind(1, started_ms).Bind(2, started_ms).Bind(3, started_ms);
    update.Step();
    if (update.failed()) return SqlError(db, "updating storage removals");
    return {};
  });
}

Status StorageRemovalQueue::Remove(const std::string& storage_namespace) {
  return db_.Run([&](Connection& db) -> Status {
    Statement remove(db, "DELETE FROM storage_removals WHERE storage_namespace = ?");
    remove.Bind(1, storage_namespace);
    remove.Step();
    if (remove.failed()) return SqlError(db, "updating storage removals");
    return {};
  });
}

Status StorageRemovalQueue::Reschedule(const std::string& storage_namespace,
                                       const std::string& error, int64_t due_at_ms) {
  return db_.Run([&](Connection& db) -> Status {
    Statement update(db,
                     "UPDATE storage_removals SET attempts = attempts + 1, last_error = ?, "
                     "due_at_ms = ? WHERE storage_namespace = ?");
    update.Bind(1, error).Bind(2, due_at_ms).Bind(3, storage_namespace);
    update.Step();
    if (update.failed()) return SqlError(db, "updating storage removals");
    return {};
  });
}

}  // namespace immagin::cp
