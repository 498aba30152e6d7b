// Replacements the control plane does not see happen: with S3 storage a sized presign hands
// out a PUT straight to the bucket. The object's ETag at presign time is remembered until
// the URL (and the transfer) can no longer finish; the first time the control plane sees
// the object with another ETag (the edge fetching it on a cache miss), that is the
// replacement, and its cached transforms are purged at once rather than when the URL
// expires.
#pragma once

#include <cstdint>
#include <string>

#include "immagin/status.h"
#include "store/database.h"

namespace immagin::cp {

class ReplacementWatch {
 public:
  explicit ReplacementWatch(Database& db) : db_(db) {}

  Status Watch(const std::string& ns, const std::string& key, const std::string& etag,
               int64_t until_ms, int64_t now_ms);
  // True once per replacement: when `current_etag` differs from the watched one (the watch
  // is then dropped, and the purge is queued in the same transaction).
  Result<bool> SeenReplaced(const std::string& ns, const std::string& tenant,
                            const std::string& key, const std::string& current_etag,
                            int64_t now_ms);

 private:
  Database& db_;
};

}  // namespace immagin::cp
