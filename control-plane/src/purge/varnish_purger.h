// Purges Varnish by cache tag through its xkey vmod: `PURGE /` with `xkey-purge: tag1 tag2`
// (edge/cdn/varnish.vcl accepts it from loopback only). A 2xx means the tags are gone.
#pragma once

#include "purge/purger.h"

namespace immagin::cp {

class VarnishPurger : public Purger {
 public:
  VarnishPurger(std::string base_url, int64_t timeout_ms)
      : base_url_(std::move(base_url)), timeout_ms_(timeout_ms) {}

  const std::string& name() const override;
  size_t max_tags_per_request() const override { return 50; }
  Status Purge(const std::vector<std::string>& tags) override;

 private:
  std::string base_url_;
  int64_t timeout_ms_;
};

}  // namespace immagin::cp
