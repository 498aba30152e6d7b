#include "auth/login_rate_limit.h"

namespace immagin::cp {

Status LoginRateLimit::Check(const std::string& email, const std::string& ip, int64_t now) {
  return store_.Check({{"login-email:" + email, limits_.login_failures_per_email},
                       {"login-ip:" + ip, limits_.login_failures_per_ip}},
                      now, "too many failed logins; try again later");
}

Status LoginRateLimit::RecordFailure(const std::string& email, const std::string& ip, int64_t now) {
  return store_.Hit({"login-email:" + email, "login-ip:" + ip}, limits_.login_window_seconds, now);
}

Status LoginRateLimit::RecordSuccess(const std::string& email) {
  return store_.Forget("login-email:" + email);
}

}  // namespace immagin::cp
