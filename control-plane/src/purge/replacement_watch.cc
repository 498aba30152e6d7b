#include "purge/replacement_watch.h"

#include "purge/purge_outbox.h"

namespace immagin::cp {

Status ReplacementWatch::Watch(const std::string& ns, const std::string& key,
                               const std::string& etag, int64_t until_ms, int64_t now_ms) {
  return db_.Transaction([&](Connection& db) -> Status {
    Statement expired(db, "DELETE FROM replacement_watch WHERE until_ms < ?");
    expired.Bind(1, now_ms);
    expired.Step();
    if (expired.failed()) return SqlError(db, "expiring replacement watches");
    Statement insert(db,
                     "INSERT INTO replacement_watch (storage_namespace, key, etag, until_ms) "
                     "VALUES (?, ?, ?, ?) ON CONFLICT (storage_namespace, key) DO UPDATE SET "
                     "etag = excluded.etag, until_ms = excluded.until_ms");
    insert.Bind(1, ns).Bind(2, key).Bind(3, etag).Bind(4, until_ms);
    insert.Step();
    if (insert.failed()) return SqlError(db, "watching a replacement");
    return {};
  });
}

Result<bool> ReplacementWatch::SeenReplaced(const std::string& ns, const std::string& tenant,
                                            const std::string& key, const std::string& current_etag,
                                            int64_t now_ms) {
  bool replaced = false;
  // A read first, outside any write lock: this runs on every original the edge fetches.
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement row(db,
                  "SELECT etag FROM replacement_watch WHERE storage_namespace = ? AND key = ? "
                  "AND until_ms >= ?");
    row.Bind(1, ns).Bind(2, key).Bind(3, now_ms);
    replaced = row.Step() && row.Text(0) != current_etag;
    if (row.failed()) return SqlError(db, "reading replacement watches");
    return {};
  });
  if (!status.ok()) return status.error();
  if (!replaced) return false;
  replaced = false;
  status = db_.Transaction([&](Connection& db) -> Status {
    // Only the request that removes the watch queues the purge.
    Statement remove(db,
                     "DELETE FROM replacement_watch WHERE storage_namespace = ? AND key = ? "
                     "AND etag != ?");
    remove.Bind(1, ns).Bind(2, key).Bind(3, current_etag);
    remove.Step();
    if (remove.failed()) return SqlError(db, "dropping a replacement watch");
    if (db.Changes() == 0) return {};
    replaced = true;
    return EnqueueOriginalPurge(db, tenant, key, now_ms);
  });
  if (!status.ok()) return status.error();
  return replaced;
}

}  // namespace immagin::cp
