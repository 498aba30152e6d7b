// Removes the stored originals of deleted projects (storage_removal_queue.h). The request
// that deleted them removes its own right after the commit (RemoveNow: its answer still
// waits for them, as before); a background thread finishes whatever a crash, a killed
// immagin-admin or a failing store left: every row queued before this start at once, then
// the rows that come due, every kStorageSweepPollMs. A failed removal is retried with
// capped exponential backoff, forever. Removing a namespace twice is harmless (both
// backends delete what is there), so a removal cut short is simply done again.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/object_storage.h"
#include "storage/storage_removal_queue.h"

namespace immagin::cp {

inline constexpr int64_t kStorageSweepPollMs = 5'000;
inline constexpr int64_t kStorageSweepRetryInitialMs = 1'000;
inline constexpr int64_t kStorageSweepRetryMaxMs = 600'000;

class StorageSweeper {
 public:
  StorageSweeper(StorageRemovalQueue& queue, ObjectStorage& storage)
      : queue_(queue), storage_(storage) {}
  ~StorageSweeper();
  StorageSweeper(const StorageSweeper&) = delete;
  StorageSweeper& operator=(const StorageSweeper&) = delete;

  // The background thread (the server's; immagin-admin only calls RemoveNow).
  void Start();
  void Stop();

  // Removes these namespaces' objects, then their rows, on the caller's thread; a
  // namespace another thread of this process is removing is left to it. The first failure
  // is returned (it stays queued and is retried).
  Status RemoveNow(const std::vector<std::string>& namespaces);

 private:
  void Loop();
  void SweepDue();
  Status RemoveOne(const std::string& storage_namespace, int attempts);

  StorageRemovalQueue& queue_;
  ObjectStorage& storage_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::set<std::string> removing_;  // namespaces some thread of this process is removing
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace immagin::cp
