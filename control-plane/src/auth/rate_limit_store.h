// Fixed-window request counters kept in the database, so that every control-plane process
// (and a restart) sees the same counts (SPEC §6: no state lives only in one process). A
// caller names its buckets ("signup-ip:203.0.113.7") with a limit each. A window starts
// at a bucket's first hit and ends `window_seconds` later.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "immagin/status.h"
#include "store/database.h"

namespace immagin::cp {

struct RateLimitBucket {
  std::string name;
  int limit = 0;
};

class RateLimitStore {
 public:
  explicit RateLimitStore(Database& db) : db_(db) {}

  // Counts one request in every bucket, in one transaction, unless one of them is full:
  // then nothing is counted and the answer is 429 + Retry-After with `message`.
  Status Take(const std::vector<RateLimitBucket>& buckets, int64_t window_seconds, int64_t now,
              const std::string& message);
  // The same check without counting (for limits on failures, counted afterwards by Hit).
  Status Check(const std::vector<RateLimitBucket>& buckets, int64_t now,
               const std::string& message);
  Status Hit(const std::vector<std::string>& buckets, int64_t window_seconds, int64_t now);
  Status Forget(const std::string& bucket);

 private:
  Database& db_;
};

}  // namespace immagin::cp
