#include "usage/usage_store.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "calendar.h"

namespace immagin::cp {
namespace {

// 6 parameters a row: far below SQLite's 32766 and PostgreSQL's 65535 per statement.
constexpr size_t kRowsPerInsert = 256;

// A repeated transform id within one statement is skipped like one already stored.
std::string InsertSql(size_t rows) {
  std::string sql =
      "INSERT INTO usage_transforms (project_id, month, transform_id, day, bytes, ms) VALUES ";
  for (size_t i = 0; i < rows; ++i) sql += i == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)";
  return sql + " ON CONFLICT DO NOTHING";
}

}  // namespace

Result<IngestOutcome> UsageStore::Ingest(const std::optional<std::string>& batch_id,
                                         const std::vector<UsageEvent>& events, int64_t now) {
  IngestOutcome outcome;
  outcome.received = static_cast<int64_t>(events.size());
  auto status = db_.Transaction([&](Connection& db) -> Status {
    if (batch_id) {
      Statement seen(db,
                     "INSERT INTO usage_batches (batch_id, received_at) VALUES (?, ?) "
                     "ON CONFLICT DO NOTHING");
      seen.Bind(1, *batch_id).Bind(2, now);
      seen.Step();
      if (seen.failed()) return SqlError(db, "recording batch");
      if (db.Changes() == 0) {
        outcome.duplicate_batch = true;
        return {};
      }
    }
    std::map<std::string, std::optional<int64_t>> projects;  // tenant → project id
    Statement find(db, "SELECT id FROM projects WHERE tenant_id = ?");
    if (!find.prepared()) return SqlError(db, "preparing ingestion");
    std::vector<const UsageEvent*> known;
    std::vector<int64_t> project_ids;
    for (const auto& event : events) {
      auto [it, fresh] = projects.try_emplace(event.tenant);
      if (fresh) {
        find.Reset();
        find.Bind(1, event.tenant);
        if (find.Step()) it->second = find.Int(0);
        if (find.failed()) return SqlError(db, "finding tenant");
      }
      if (!it->second) {
        ++outcome.unknown_tenant;
        continue;
      }
      known.push_back(&event);
      project_ids.push_back(*it->second);
    }
    // Many rows per statement: one round trip per kRowsPerInsert events on PostgreSQL.
    std::unique_ptr<Statement> full;
    for (size_t first = 0; first < known.size(); first += kRowsPerInsert) {
      size_t rows = std::min(kRowsPerInsert, known.size() - first);
      std::unique_ptr<Statement> partial;
      Statement* insert = nullptr;
      if (rows == kRowsPerInsert) {
        if (!full) full = std::make_unique<Statement>(db, InsertSql(rows));
        insert = full.get();
      } else {
        partial = std::make_unique<Statement>(db, InsertSql(rows));
        insert = partial.get();
      }
      if (!insert->prepared()) return SqlError(db, "preparing ingestion");
      insert->Reset();
      for (size_t i = 0; i < rows; ++i) {
        const UsageEvent& event = *known[first + i];
        int base = static_cast<int>(i) * 6;
        insert->Bind(base + 1, project_ids[first + i])
            .Bind(base + 2, MonthOf(event.time))
            .Bind(base + 3, event.transform_id)
            .Bind(base + 4, DayOf(event.time))
            .Bind(base + 5, event.bytes)
            .Bind(base + 6, event.ms);
      }
      insert->Step();
      if (insert->failed()) return SqlError(db, "recording usage");
      outcome.counted += db.Changes();
    }
    return {};
  });
  if (!status.ok()) return status.error();
  return outcome;
}

Result<int64_t> UsageStore::MonthTransforms(int64_t project_id, const std::string& month) {
  int64_t count = 0;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement row(db, "SELECT COUNT(*) FROM usage_transforms WHERE project_id = ? AND month = ?");
    row.Bind(1, project_id).Bind(2, month);
    if (!row.Step()) return SqlError(db, "counting usage");
    count = row.Int(0);
    return {};
  });
  if (!status.ok()) return status.error();
  return count;
}

Result<std::vector<DailyCount>> UsageStore::DailyTransforms(int64_t project_id,
                                                            const std::string& month) {
  std::vector<DailyCount> days;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement rows(db,
                   "SELECT day, COUNT(*) FROM usage_transforms WHERE project_id = ? AND month = ? "
                   "GROUP BY day ORDER BY day");
    rows.Bind(1, project_id).Bind(2, month);
    while (rows.Step()) days.push_back(DailyCount{rows.Text(0), rows.Int(1)});
    if (rows.failed()) return SqlError(db, "reading daily usage");
    return {};
  });
  if (!status.ok()) return status.error();
  return days;
}

Result<std::vector<DailyCount>> UsageStore::MonthlyTransforms(int64_t project_id) {
  std::vector<DailyCount> months;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement rows(db,
                   "SELECT month, COUNT(*) FROM usage_transforms WHERE project_id = ? "
                   "GROUP BY month ORDER BY month");
    rows.Bind(1, project_id);
    while (rows.Step()) months.push_back(DailyCount{rows.Text(0), rows.Int(1)});
    if (rows.failed()) return SqlError(db, "reading monthly usage");
    return {};
  });
  if (!status.ok()) return status.error();
  return months;
}

}  // namespace immagin::cp
