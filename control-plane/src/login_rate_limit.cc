#include "login_rate_limit.h"

namespace immagin::cp {
namespace {

constexpr size_t kPruneAbove = 100'000;  // entries kept before expired windows are dropped

}  // namespace

int LoginRateLimit::Failures(const std::string& key, int64_t now) {
  auto it = windows_.find(key);
  if (it == windows_.end() || it->second.start + limits_.login_window_seconds <= now) return 0;
  return it->second.failures;
}

ApiStatus LoginRateLimit::Check(const std::string& email, const std::string& ip, int64_t now) {
  std::lock_guard lock(mutex_);
  for (const auto& [key, limit] : {std::pair{"e:" + email, limits_.login_failures_per_email},
                                   std::pair{"i:" + ip, limits_.login_failures_per_ip}}) {
    if (Failures(key, now) < limit) continue;
    int64_t retry = windows_[key].start + limits_.login_window_seconds - now;
    return TooManyRequests("too many failed logins; try again later", std::max<int64_t>(retry, 1));
  }
  return {};
}

void LoginRateLimit::RecordFailure(const std::string& email, const std::string& ip, int64_t now) {
  std::lock_guard lock(mutex_);
  if (windows_.size() > kPruneAbove) Prune(now);
  for (const std::string& key : {"e:" + email, "i:" + ip}) {
    Window& window = windows_[key];
    if (window.start + limits_.login_window_seconds <= now) window = Window{now, 0};
    ++window.failures;
  }
}

void LoginRateLimit::RecordSuccess(const std::string& email) {
  std::lock_guard lock(mutex_);
  windows_.erase("e:" + email);
}

void LoginRateLimit::Prune(int64_t now) {
  for (auto it = windows_.begin(); it != windows_.end();) {
    if (it->second.start + limits_.login_window_seconds <= now)
      it = windows_.erase(it);
    else
      ++it;
  }
}

}  // namespace immagin::cp
