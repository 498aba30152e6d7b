#include "auth/rate_limit_store.h"

#include <algorithm>

namespace immagin::cp {
namespace {

Status CheckIn(Connection& db, const std::vector<RateLimitBucket>& buckets, int64_t now,
               const std::string& message) {
  for (const auto& bucket : buckets) {
    Statement row(db,
                  "SELECT hits, expires_at FROM rate_limit_windows WHERE bucket = ? AND "
                  "expires_at > ?");
    row.Bind(1, bucket.name).Bind(2, now);
    if (!row.Step()) {
      if (row.failed()) return SqlError(db, "reading rate-limit window");
      continue;
    }
    if (row.Int(0) >= bucket.limit)
      return TooManyRequests(message, std::max<int64_t>(row.Int(1) - now, 1));
  }
  return {};
}

Status HitIn(Connection& db, const std::vector<std::string>& buckets, int64_t window_seconds,
             int64_t now) {
  // Ended windows go first (indexed by their end), so the table holds live windows only.
  Statement purge(db, "DELETE FROM rate_limit_windows WHERE expires_at <= ?");
  purge.Bind(1, now);
  purge.Step();
  if (purge.failed()) return SqlError(db, "purging rate-limit windows");
  for (const auto& bucket : buckets) {
    Statement hit(db,
                  "INSERT INTO rate_limit_windows (bucket, hits, expires_at) VALUES (?, 1, ?) "
                  "ON CONFLICT (bucket) DO UPDATE SET hits = rate_limit_windows.hits + 1");
    hit.Bind(1, bucket).Bind(2, now + window_seconds);
    hit.Step();
    if (hit.failed()) return SqlError(db, "counting rate-limit window");
  }
  return {};
}

std::vector<std::string> Names(const std::vector<RateLimitBucket>& buckets) {
  std::vector<std::string> names;
  for (const auto& bucket : buckets) names.push_back(bucket.name);
  return names;
}

}  // namespace

Status RateLimitStore::Take(const std::vector<RateLimitBucket>& buckets, int64_t window_seconds,
                            int64_t now, const std::string& message) {
  return db_.Transaction([&](Connection& db) -> Status {
    if (auto status = CheckIn(db, buckets, now, message); !status.ok()) return status;
    return HitIn(db, Names(buckets), window_seconds, now);
  });
}

Status RateLimitStore::Check(const std::vector<RateLimitBucket>& buckets, int64_t now,
                             const std::string& message) {
  return db_.Run([&](Connection& db) { return CheckIn(db, buckets, now, message); });
}

Status RateLimitStore::Hit(const std::vector<std::string>& buckets, int64_t window_seconds,
                           int64_t now) {
  return db_.Transaction([&](Connection& db) { return HitIn(db, buckets, window_seconds, now); });
}

Status RateLimitStore::Forget(const std::string& bucket) {
  return db_.Run([&](Connection& db) -> Status {
    Statement remove(db, "DELETE FROM rate_limit_windows WHERE bucket = ?");
    remove.Bind(1, bucket);
    remove.Step();
    if (remove.failed()) return SqlError(db, "clearing rate-limit window");
    return {};
  });
}

}  // namespace immagin::cp
