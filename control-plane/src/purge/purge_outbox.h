// CDN purges as rows of `purge_outbox`, written in the same transaction as the change that
// needs them where there is one (a project's deletion, its suspension), so none is lost to
// a crash; PurgeSender delivers them. A row holds a few cache tags (surrogate_key.h) and
// stays until every configured CDN has acknowledged it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "immagin/status.h"
#include "store/database.h"

namespace immagin::cp {

// The most tags one row may hold: Cloudflare takes 30 per request, and a row is never split.
inline constexpr size_t kMaxTagsPerPurgeRow = 30;

struct PendingPurge {
  int64_t id = 0;
  std::vector<std::string> tags;
  int attempts = 0;
  std::vector<std::string> delivered_to;  // names of the purgers that acknowledged it
};

// Inside a transaction the caller holds (or alone: one INSERT is atomic).
Status EnqueuePurge(Connection& db, const std::vector<std::string>& tags, int64_t due_at_ms,
                    int64_t now_ms);

// What each change purges. An original's transforms: once, now, plus `repeat_at_ms` when
// given. A tenant's: now and again after `repeat_seconds`, since edges keep serving a
// cached tenant configuration (and so refilling the cache) for up to 30 s.
Status EnqueueOriginalPurge(Connection& db, const std::string& tenant, const std::string& key,
                            int64_t now_ms, std::optional<int64_t> repeat_at_ms = {});
Status EnqueueTenantPurge(Connection& db, const std::string& tenant, int64_t now_ms,
                          int64_t repeat_seconds);

class PurgeOutbox {
 public:
  explicit PurgeOutbox(Database& db) : db_(db) {}

  Result<std::vector<PendingPurge>> Due(int64_t now_ms, int limit);
  // The earliest due time of any row, if there is one.
  Result<std::optional<int64_t>> NextDueMs();
  Status Remove(int64_t id);
  // After an attempt that left some purger without a 2xx: who has it now, and when to retry.
  Status Reschedule(int64_t id, const std::vector<std::string>& delivered_to,
                    const std::string& error, int64_t due_at_ms);

 private:
  Database& db_;
};

}  // namespace immagin::cp
