#include "transform_queue.h"

namespace luna {

TransformQueue::TransformQueue(int workers, int max_waiting)
    : max_waiting_(static_cast<size_t>(max_waiting)) {
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { Work(); });
}

TransformQueue::~TransformQueue() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  ready_.notify_all();
  for (std::thread& t : workers_) t.join();
}

bool TransformQueue::TrySubmit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    // Idle workers take jobs straight away; only the rest count against the wait list.
    const size_t free_now = static_cast<size_t>(idle_);
    if (stop_ || waiting_.size() >= free_now + max_waiting_) return false;
    waiting_.push_back(std::move(job));
  }
  ready_.notify_one();
  return true;
}

void TransformQueue::Work() {
  std::unique_lock lock(mutex_);
  while (true) {
    ++idle_;
    ready_.wait(lock, [this] { return stop_ || !waiting_.empty(); });
    --idle_;
    if (waiting_.empty()) return;  // stopping, nothing left
    std::function<void()> job = std::move(waiting_.front());
    waiting_.pop_front();
    lock.unlock();
    job();
    lock.lock();
  }
}

}  // namespace luna
