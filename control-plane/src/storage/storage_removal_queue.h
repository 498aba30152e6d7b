// The stored originals of deleted projects that are still to be removed, as rows of
// `storage_removals` (migration 6). A row is written in the transaction that deletes the
// project's rows, so once they are gone the removal of its objects cannot be lost to a
// crash; it is deleted only once the store holds nothing under the namespace
// (StorageSweeper does the removing). A namespace is never reused and nothing reads one
// whose project row is gone, so objects that outlive their rows for a while are invisible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "immagin/status.h"
#include "store/database.h"

namespace immagin::cp {

// How long a fresh row is left to the process that deleted the project (which removes the
// objects right after its commit) before any StorageSweeper takes it over.
inline constexpr int64_t kStorageRemovalHandoverMs = 60'000;

struct QueuedRemoval {
  std::string storage_namespace;
  int attempts = 0;
};

// Inside the transaction the caller holds (the one deleting the project's rows).
Status QueueStorageRemoval(Connection& db, const std::string& storage_namespace, int64_t now_ms);

class StorageRemovalQueue {
 public:
  explicit StorageRemovalQueue(Database& db) : db_(db) {}

  Result<std::vector<QueuedRemoval>> Due(int64_t now_ms, int limit);
  // Rows queued before `started_ms` (by a process that died, or by immagin-admin) come due
  // now: nobody in this process is removing them.
  Status TakeOverFromBefore(int64_t started_ms);
  // The namespace holds nothing any more.
  Status Remove(const std::string& storage_namespace);
  Status Reschedule(const std::string& storage_namespace, const std::string& error,
                    int64_t due_at_ms);

 private:
  Database& db_;
};

}  // namespace immagin::cp
