// Delivers the purge outbox on a background thread to every configured CDN. It wakes as
// soon as something is enqueued in this process (Notify), when a row comes due (a retry, a
// repeat) and at least every PurgeConfig::poll_ms for rows enqueued by immagin-admin. A row
// is removed only once every purger answered it with a 2xx; failures are retried with
// capped exponential backoff, forever (a purge is never dropped), and rows left by a
// previous run are sent at start.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "config.h"
#include "purge/purge_outbox.h"
#include "purge/purger.h"

namespace immagin::cp {

class PurgeSender {
 public:
  PurgeSender(PurgeOutbox& outbox, const PurgeConfig& config,
              std::vector<std::unique_ptr<Purger>> purgers);
  ~PurgeSender();
  PurgeSender(const PurgeSender&) = delete;
  PurgeSender& operator=(const PurgeSender&) = delete;

  // The purgers the configuration names (none: rows are dropped as delivered to nobody).
  static std::vector<std::unique_ptr<Purger>> ConfiguredPurgers(const PurgeConfig& config);

  // Wakes the thread after something was enqueued.
  void Notify();
  void Stop();

 private:
  void Loop();
  // Sends what is due; returns when the next row comes due (or nullopt).
  std::optional<int64_t> DrainOnce();
  void Deliver(const std::vector<PendingPurge>& rows, int64_t now_ms);

  PurgeOutbox& outbox_;
  PurgeConfig config_;
  std::vector<std::unique_ptr<Purger>> purgers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = true;  // drain once at start: purges queued before a restart
  bool stopping_ = false;
  // Read without the mutex between requests, so a stop does not wait out a dead CDN's
  // timeouts (what was not sent stays queued for the next start).
  std::atomic<bool> stop_requested_{false};
  std::thread thread_;
};

}  // namespace immagin::cp
