// The console's session cookie `immagin_session`: the session id, its account and its
// expiry sealed with crypto_secretbox (XSalsa20-Poly1305) under a server key. A forged or
// altered cookie fails authentication before any database lookup; a sealed one is still
// checked against the sessions table, so logout revokes it on the server.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "immagin/status.h"

namespace immagin::cp {

inline constexpr const char* kSessionCookieName = "immagin_session";

struct SessionToken {
  std::string session_id;  // 32 random bytes; the table keeps only their hash
  int64_t account_id = 0;
  int64_t expires_at = 0;  // unix seconds
};

class SessionCookie {
 public:
  explicit SessionCookie(std::string key) : key_(std::move(key)) {}

  std::string Seal(const SessionToken& token) const;
  // 401 for anything that is not a cookie this server sealed, or one past its expiry.
  Result<SessionToken> Open(std::string_view value, int64_t now) const;

  // Set-Cookie values: httpOnly, SameSite=Lax, Path=/, Secure over https.
  static std::string SetHeader(const std::string& sealed, int64_t max_age_seconds, bool secure);
  static std::string ClearHeader(bool secure);

 private:
  std::string key_;  // crypto_secretbox_KEYBYTES
};

}  // namespace immagin::cp
