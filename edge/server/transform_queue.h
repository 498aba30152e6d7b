// A fixed number of workers and a bounded wait list: beyond both, work is refused at once
// (the caller answers 503 + Retry-After) instead of piling up latency and memory.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace luna {

class TransformQueue {
 public:
  TransformQueue(int workers, int max_waiting);
  ~TransformQueue();  // finishes what was accepted, then joins

  // False when every worker is busy and the wait list is full.
  bool TrySubmit(std::function<void()> job);

 private:
  void Work();
  const size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> waiting_;
  int idle_ = 0;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace luna
