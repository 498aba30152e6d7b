// luna-server's side of the host protocol (luna/host_protocol.h): it makes each step's I/O
// (tenant configs, originals, the usage journal) and counts the renders it holds, as
// edge/worker/worker.js does in a Worker. Every decision is the protocol's, so both hosts
// share one implementation of every delivery rule.
#pragma once

#include <atomic>
#include <memory>
#include <variant>

#include "immagin/json.h"
#include "luna/delivery.h"
#include "luna/host_protocol.h"
#include "original_source.h"
#include "tenant_source.h"
#include "usage_journal.h"

namespace luna {

class HostDriver {
 public:
  HostDriver(HostConfig config, std::unique_ptr<TenantSource> tenants,
             std::unique_ptr<OriginalSource> originals, UsageJournal& journal);

  // A request past its first step, for the transform queue.
  struct Pending {
    immagin::Json request;
    immagin::Json step;  // the head of a fetch step
    bool held = false;   // counted among the renders held
  };

  // The first step: no I/O (the tenant cache, the signature, load shedding), so it runs on
  // the HTTP thread. The response, or what is left to do.
  std::variant<Response, Pending> Begin(const Request& request);

  // The fetches and the render, blocking: on a transform queue worker.
  Response Finish(Pending pending);

 private:
  Response Respond(const HostStep& step);
  immagin::Json RequestJson(const Request& request) const;

  HostProtocol protocol_;
  std::unique_ptr<TenantSource> tenants_;
  std::unique_ptr<OriginalSource> originals_;
  UsageJournal& journal_;
  // Renders waiting for their original or their turn, or running: the protocol sheds load
  // past LUNA_MAX_QUEUE of them.
  std::atomic<int64_t> held_{0};
};

}  // namespace luna
