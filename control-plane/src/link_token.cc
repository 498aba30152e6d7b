#include "link_token.h"

#include <sodium.h>

#include "immagin/base64url.h"

namespace immagin::cp {

LinkToken NewLinkToken() {
  std::string raw(32, '\0');
  randombytes_buf(raw.data(), raw.size());
  LinkToken out;
  out.token = Base64UrlEncode(raw);
  out.hash = LinkTokenHash(out.token);
  return out;
}

std::string LinkTokenHash(const std::string& token) {
  std::string hash(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), hash.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  return hash;
}

ApiStatus CheckLinkUsable(const LinkRow& row, int64_t now, const std::string& what) {
  if (!row.found) return BadRequest("token", "unknown " + what + "; ask for a new one");
  if (row.used) return ApiError{410, "used", "token", "this " + what + " was already used"};
  if (row.expires_at <= now)
    return ApiError{410, "expired", "token", "this " + what + " has expired; ask for a new one"};
  return {};
}

}  // namespace immagin::cp
