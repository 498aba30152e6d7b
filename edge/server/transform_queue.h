// A fixed number of workers for the blocking part of requests (fetches, renders). It does
// not refuse work: the host protocol sheds load before a render is queued (LUNA_MAX_QUEUE).
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
  explicit TransformQueue(int workers);
  ~TransformQueue();  // finishes what was accepted, then joins

  void Submit(std::function<void()> job);

 private:
  void Work();
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> waiting_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace luna
