// Brute-force brake on logins: failed attempts are counted per email address and per
// client IP in fixed windows (AccountLimits); past either limit the login is refused with
// 429 + Retry-After before the password is even hashed. In memory: a restart forgets the
// counts, and each server process counts on its own.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "api_error.h"
#include "config.h"

namespace immagin::cp {

class LoginRateLimit {
 public:
  explicit LoginRateLimit(const AccountLimits& limits) : limits_(limits) {}

  ApiStatus Check(const std::string& email, const std::string& ip, int64_t now);
  void RecordFailure(const std::string& email, const std::string& ip, int64_t now);
  // A successful login clears its email's count (not the IP's).
  void RecordSuccess(const std::string& email);

 private:
  struct Window {
    int64_t start = 0;
    int failures = 0;
  };
  int Failures(const std::string& key, int64_t now);
  void Prune(int64_t now);

  AccountLimits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;  // "e:{email}" / "i:{ip}"
};

}  // namespace immagin::cp
