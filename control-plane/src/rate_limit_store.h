// Fixed-window request counters kept in the database, so that every control-plane process
// (and a restart) sees the same counts (SPEC §6: no state lives only in one process). A
// caller names its buckets ("signup-ip:203.0.113.7") with a limit each; Take counts one
// request in all of them, or none when any is full and answers 429 + Retry-After.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "api_error.h"
#include "database.h"

namespace immagin::cp {

struct RateLimitBucket {
  std::string name;
  int limit = 0;
};

class RateLimitStore {
 public:
  explicit RateLimitStore(Database& db) : db_(db) {}

  // Checks every bucket in one transaction; counts the request in all of them only when
  // none is full. `message` is the 429's message.
  ApiStatus Take(const std::vector<RateLimitBucket>& buckets, int64_t window_seconds, int64_t now,
                 const std::string& message);

 private:
  Database& db_;
};

}  // namespace immagin::cp
