#include "auth/csrf.h"

#include <sodium.h>

#include "immagin/base64url.h"

namespace immagin::cp {

std::string OriginOf(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  auto path = url.find('/', scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

namespace {}  // namespace

std::string Csrf::TokenFor(std::string_view session_id) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(session_id.data()),
                         session_id.size(), reinterpret_cast<const unsigned char*>(key_.data()));
  return Base64UrlEncode(std::string_view(reinterpret_cast<char*>(mac), sizeof mac));
}

Status Csrf::Check(const HttpRequest& request, std::string_view session_id,
                   const Config& config) const {
  if (auto status = CheckSameOrigin(request, config); !status.ok()) return status;
  auto sent = request.Header(kCsrfHeader);
  if (!sent || sent->empty())
    return Error{ErrorCode::kForbidden, "X-CSRF-Token",
                 "this request needs the X-CSRF-Token header", "csrf"};
  std::string expected = TokenFor(session_id);
  if (sent->size() != expected.size() ||
      sodium_memcmp(sent->data(), expected.data(), expected.size()) != 0)
    return Error{ErrorCode::kForbidden, "X-CSRF-Token",
                 "the X-CSRF-Token header is not this session's", "csrf"};
  return {};
}

Status CheckSameOrigin(const HttpRequest& request, const Config& config) {
  auto origin = request.Header("origin");
  if (!origin) return {};  // not a browser, or a same-origin GET; the token still applies
  if (*origin == OriginOf(config.public_api_url)) return {};
  if (auto host = request.Header("host"))
    if (*origin == "http://" + *host || *origin == "https://" + *host) return {};
  return Error{ErrorCode::kForbidden, "origin", "cross-origin request refused (" + *origin + ")",
               "csrf"};
}

}  // namespace immagin::cp
