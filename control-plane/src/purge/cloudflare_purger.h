// Purges Cloudflare's cache by tag: `POST {api}/zones/{zone}/purge_cache` with
// `{"tags":[…]}` (at most 30 per request) and a Bearer API token. Success is HTTP 200 with
// `"success": true`; anything else is retried.
#pragma once

#include "config.h"
#include "purge/purger.h"

namespace immagin::cp {

class CloudflarePurger : public Purger {
 public:
  explicit CloudflarePurger(const PurgeConfig& config) : config_(config) {}

  const std::string& name() const override;
  size_t max_tags_per_request() const override { return 30; }
  Status Purge(const std::vector<std::string>& tags) override;

 private:
  PurgeConfig config_;
};

}  // namespace immagin::cp
