#include "storage/storage_sweeper.h"

#include <algorithm>
#include <chrono>

#include "calendar.h"
#include "http/structured_log.h"

namespace immagin::cp {
namespace {

constexpr int kRowsPerSweep = 100;

}  // namespace

StorageSweeper::~StorageSweeper() { Stop(); }

void StorageSweeper::Start() {
  // Whatever was queued before this start has nobody removing it in this process.
  if (auto status = queue_.TakeOverFromBefore(NowMillis()); !status.ok())
    LogEvent("error", "storage removals", Json{{"error", status.error().message}});
  thread_ = std::thread([this] { Loop(); });
}

void StorageSweeper::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void StorageSweeper::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    SweepDue();
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(kStorageSweepPollMs),
                   [this] { return stopping_; });
  }
}

void StorageSweeper::SweepDue() {
  auto due = queue_.Due(NowMillis(), kRowsPerSweep);
  if (!due.ok()) {
    LogEvent("error", "storage removals", Json{{"error", due.error().message}});
    return;
  }
  for (const auto& row : due.value()) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    (void)RemoveOne(row.storage_namespace, row.attempts);
  }
}

Status StorageSweeper::RemoveNow(const std::vector<std::string>& namespaces) {
  Status first_failure;
  for (const auto& storage_namespace : namespaces) {
    Status status = RemoveOne(storage_namespace, 0);
    if (!status.ok() && first_failure.ok()) first_failure = status;
  }
  return first_failure;
}

Status StorageSweeper::RemoveOne(const std::string& storage_namespace, int attempts) {
  {
    std::lock_guard lock(mutex_);
    if (!removing_.insert(storage_namespace).second) return {};
  }
  Status removed = storage_.DeleteProject(storage_namespace);
  Status recorded;
  if (removed.ok()) {
    recorded = queue_.Remove(storage_namespace);
  } else {
    int shift = std::min(attempts, 20);
    int64_t backoff = std::min(kStorageSweepRetryInitialMs << shift, kStorageSweepRetryMaxMs);
    recorded = queue_.Reschedule(storage_namespace, removed.error().message, NowMillis() + backoff);
    LogEvent("error", "stored originals of a deleted project not removed yet",
             Json{{"storageNamespace", storage_namespace},
                  {"attempts", attempts + 1},
                  {"error", removed.error().message}});
  }
  {
    std::lock_guard lock(mutex_);
    removing_.erase(storage_namespace);
  }
  if (!removed.ok()) return removed;
  return recorded;
}

}  // namespace immagin::cp
