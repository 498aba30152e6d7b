// Cross-site request forgery defence for cookie-authenticated writes. SameSite=Lax already
// keeps the cookie off cross-site POSTs in current browsers; on top of it every write must
// carry `X-CSRF-Token`, a token bound to the session (HMAC of the session id under a server
// key, handed to the page in JSON, never in a cookie), and a browser's `Origin`, when sent,
// must be this server's own.
#pragma once

#include <string>
#include <string_view>

#include "config.h"
#include "http/http_message.h"
#include "immagin/status.h"

namespace immagin::cp {

inline constexpr const char* kCsrfHeader = "x-csrf-token";

// "https://a.example:8443/x" → "https://a.example:8443"
std::string OriginOf(const std::string& url);

class Csrf {
 public:
  explicit Csrf(std::string key) : key_(std::move(key)) {}

  std::string TokenFor(std::string_view session_id) const;
  // 403 naming the header when the token is missing or wrong, or "origin" when the request
  // comes from another site.
  Status Check(const HttpRequest& request, std::string_view session_id, const Config& config) const;

 private:
  std::string key_;  // crypto_auth_hmacsha256_KEYBYTES
};

// 403 when a browser says the request comes from another origin than this server's
// (the configured public URL, or the Host the client used).
Status CheckSameOrigin(const HttpRequest& request, const Config& config);

}  // namespace immagin::cp
