// Brute-force brake on logins: failed attempts are counted per email address and per
// client IP in fixed windows (AccountLimits); past either limit the login is refused with
// 429 + Retry-After before the password is even hashed. Counted in the database
// (RateLimitStore), so a restart or another replica does not reset them.
#pragma once

#include <cstdint>
#include <string>

#include "auth/rate_limit_store.h"
#include "config.h"
#include "immagin/status.h"

namespace immagin::cp {

class LoginRateLimit {
 public:
  LoginRateLimit(RateLimitStore& store, const AccountLimits& limits)
      : store_(store), limits_(limits) {}

  Status Check(const std::string& email, const std::string& ip, int64_t now);
  Status RecordFailure(const std::string& email, const std::string& ip, int64_t now);
  // A successful login clears its email's count (not the IP's).
  Status RecordSuccess(const std::string& email);

 private:
  RateLimitStore& store_;
  AccountLimits limits_;
};

}  // namespace immagin::cp
