#include "purge/purge_outbox.h"

#include <sstream>

#include "immagin/surrogate_key.h"

namespace immagin::cp {
namespace {

// Tags never hold spaces (surrogate_key.h: hex hashes and tenant ids), so a space joins them.
std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

}  // namespace

Status EnqueuePurge(Connection& db, const std::vector<std::string>& tags, int64_t due_at_ms,
                    int64_t now_ms) {
  if (tags.empty() || tags.size() > kMaxTagsPerPurgeRow)
    return Internal("a purge holds 1 to " + std::to_string(kMaxTagsPerPurgeRow) + " tags");
  for (const auto& tag : tags)
    if (tag.empty() || tag.find_first_of(" \t\r\n,") != std::string::npos)
      return Internal("invalid cache tag '" + tag + "'");
  Statement insert(db,
                   "INSERT INTO purge_outbox (tags, created_at_ms, due_at_ms) VALUES (?, ?, ?)");
  insert.Bind(1, Join(tags)).Bind(2, now_ms).Bind(3, due_at_ms);
  insert.Step();
  if (insert.failed()) return SqlError(db, "queueing purge");
  return {};
}

Status EnqueueOriginalPurge(Connection& db, const std::string& tenant, const std::string& key,
                            int64_t now_ms, std::optional<int64_t> repeat_at_ms) {
  std::vector<std::string> tags = {OriginalSurrogateKey(tenant, key)};
  if (auto status = EnqueuePurge(db, tags, now_ms, now_ms); !status.ok()) return status;
  if (repeat_at_ms) return EnqueuePurge(db, tags, *repeat_at_ms, now_ms);
  return {};
}

Status EnqueueTenantPurge(Connection& db, const std::string& tenant, int64_t now_ms,
                          int64_t repeat_seconds) {
  std::vector<std::string> tags = {TenantSurrogateKey(tenant)};
  if (auto status = EnqueuePurge(db, tags, now_ms, now_ms); !status.ok()) return status;
  if (repeat_seconds <= 0) return {};
  return EnqueuePurge(db, tags, now_ms + repeat_seconds * 1000, now_ms);
}

Result<std::vector<PendingPurge>> PurgeOutbox::Due(int64_t now_ms, int limit) {
  std::vector<PendingPurge> due;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement rows(db,
                   "SELECT id, tags, attempts, delivered_to FROM purge_outbox WHERE due_at_ms <= ? "
                   "ORDER BY due_at_ms, id LIMIT ?");
    rows.Bind(1, now_ms).Bind(2, static_cast<int64_t>(limit));
    while (rows.Step())
      due.push_back(PendingPurge{rows.Int(0), Split(rows.Text(1)), static_cast<int>(rows.Int(2)),
                                 Split(rows.Text(3))});
    if (rows.failed()) return SqlError(db, "reading purge outbox");
    return {};
  });
  if (!status.ok()) return status.error();
  return due;
}

Result<std::optional<int64_t>> PurgeOutbox::NextDueMs() {
  std::optional<int64_t> next;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement row(db, "SELECT MIN(due_at_ms) FROM purge_outbox");
    if (row.Step() && !row.IsNull(0)) next = row.Int(0);
    if (row.failed()) return SqlError(db, "reading purge outbox");
    return {};
  });
  if (!status.ok()) return status.error();
  return next;
}

Status PurgeOutbox::Remove(int64_t id) {
  return db_.Run([&](Connection& db) -> Status {
    Statement remove(db, "DELETE FROM purge_outbox WHERE id = ?");
    remove.Bind(1, id);
    remove.Step();
    if (remove.failed()) return SqlError(db, "updating purge outbox");
    return {};
  });
}

Status PurgeOutbox::Reschedule(int64_t id, const std::vector<std::string>& delivered_to,
                               const std::string& error, int64_t due_at_ms) {
  return db_.Run([&](Connection& db) -> Status {
    Statement update(db,
                     "UPDATE purge_outbox SET attempts = attempts + 1, delivered_to = ?, "
                     "last_error = ?, due_at_ms = ? WHERE id = ?");
    update.Bind(1, Join(delivered_to)).Bind(2, error).Bind(3, due_at_ms).Bind(4, id);
    update.Step();
    if (update.failed()) return SqlError(db, "updating purge outbox");
    return {};
  });
}

}  // namespace immagin::cp
