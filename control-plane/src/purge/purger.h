// A CDN that can drop cached responses by cache tag: Varnish (xkey) or Cloudflare.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "immagin/status.h"

namespace immagin::cp {

// A CDN's purge answer is a few hundred bytes of JSON; a larger one is refused, not buffered.
constexpr size_t kMaxPurgeAnswerBytes = 64 * 1024;

class Purger {
 public:
  virtual ~Purger() = default;
  // Stable name, recorded in purge_outbox.delivered_to.
  virtual const std::string& name() const = 0;
  // Most tags one request may carry.
  virtual size_t max_tags_per_request() const = 0;
  // OK only when the CDN acknowledged every tag (a 2xx it documents as success).
  virtual Status Purge(const std::vector<std::string>& tags) = 0;
};

}  // namespace immagin::cp
