// Unique transforms per project per UTC month. A transform id is stored once per
// (project, month): the primary key makes ingestion idempotent, so a retried batch or a
// transform that misses the cache again adds nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "immagin/status.h"
#include "immagin/usage_event.h"
#include "store/database.h"

namespace immagin::cp {

struct IngestOutcome {
  int64_t received = 0;
  int64_t counted = 0;           // new unique transforms
  int64_t unknown_tenant = 0;    // events for tenants that do not exist (deleted projects)
  bool duplicate_batch = false;  // the batch id was seen before; nothing was counted
};

struct DailyCount {
  std::string day;  // YYYY-MM-DD
  int64_t transforms = 0;
};

class UsageStore {
 public:
  explicit UsageStore(Database& db) : db_(db) {}

  // All or nothing, in one transaction; `batch_id`, when given, is remembered so a retried
  // batch is acknowledged without being read again.
  Result<IngestOutcome> Ingest(const std::optional<std::string>& batch_id,
                               const std::vector<UsageEvent>& events, int64_t now);
  Result<int64_t> MonthTransforms(int64_t project_id, const std::string& month);
  Result<std::vector<DailyCount>> DailyTransforms(int64_t project_id, const std::string& month);
  // Every month with usage, oldest first (`day` holds the month, YYYY-MM).
  Result<std::vector<DailyCount>> MonthlyTransforms(int64_t project_id);

 private:
  Database& db_;
};

}  // namespace immagin::cp
