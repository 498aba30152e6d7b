// Usage events on disk until the control plane acknowledges them, so neither a restart of
// the edge nor an unreachable control plane loses or double-counts a transform:
//   pending.jsonl      appended by request threads (one JSON line per event)
//   batch-*.json       sealed batches with a stable id, each within the control plane's
//                      bounds (immagin::SplitIntoBatches); retried until acknowledged, then
//                      deleted. The control plane dedupes by batch id.
// Appends reach the OS with write(2) (a crash of this process loses nothing); batches are
// fsynced when sealed.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "luna/delivery.h"

namespace luna {

class UsageJournal {
 public:
  static immagin::Result<std::unique_ptr<UsageJournal>> Open(const std::string& dir);
  ~UsageJournal();

  immagin::Status Append(const UsageEvent& event);
  // Turns pending events into a batch file; returns every batch file waiting, oldest first.
  std::vector<std::string> SealBatches();
  size_t PendingEvents() const { return pending_events_.load(); }

 private:
  explicit UsageJournal(std::string dir);
  std::string NextBatchName();
  void SealPending();  // with mutex_ held
  std::string dir_;
  std::mutex mutex_;
  int fd_ = -1;
  std::atomic<size_t> pending_events_{0};
  uint64_t sequence_ = 0;
};

// Sends sealed batches to `{control_plane}/internal/v1/usage` every `interval`, in a thread
// of its own: responses never wait for it.
class UsageSender {
 public:
  UsageSender(UsageJournal& journal, std::string control_plane_url, std::string edge_token,
              std::chrono::milliseconds interval);
  ~UsageSender();  // a last flush, then stops
  void FlushNow();

 private:
  void Loop();
  bool SendAll();
  UsageJournal& journal_;
  std::string url_;
  std::string token_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool flush_ = false;
  std::thread thread_;
};

}  // namespace luna
