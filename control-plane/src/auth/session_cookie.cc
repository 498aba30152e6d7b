#include "auth/session_cookie.h"

#include <sodium.h>

#include <cstring>

#include "immagin/base64url.h"

namespace immagin::cp {
namespace {

constexpr size_t kSessionIdBytes = 32;
constexpr size_t kPlainBytes = 8 + 8 + kSessionIdBytes;  // account id, expiry, session id

void PutInt(std::string& out, int64_t value) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((value >> (i * 8)) & 0xff));
}

int64_t GetInt(const unsigned char* in) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | in[i];
  return static_cast<int64_t>(value);
}

std::string Attributes(bool secure) {
  return std::string("; Path=/; HttpOnly; SameSite=Lax") + (secure ? "; Secure" : "");
}

}  // namespace

std::string SessionCookie::Seal(const SessionToken& token) const {
  std::string plain;
  PutInt(plain, token.account_id);
  PutInt(plain, token.expires_at);
  plain += token.session_id;
  std::string sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  randombytes_buf(out, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), out,
                        reinterpret_cast<const unsigned char*>(key_.data()));
  sodium_memzero(plain.data(), plain.size());
  return Base64UrlEncode(sealed);
}

Result<SessionToken> SessionCookie::Open(std::string_view value, int64_t now) const {
  auto invalid = Unauthenticated("not logged in (invalid session cookie)");
  if (value.size() > 256) return invalid;
  auto decoded = Base64UrlDecode(value, "cookie");
  if (!decoded.ok()) return invalid;
  const std::string& sealed = decoded.value();
  if (sealed.size() != crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + kPlainBytes)
    return invalid;
  unsigned char plain[kPlainBytes];
  const auto* in = reinterpret_cast<const unsigned char*>(sealed.data());
  if (crypto_secretbox_open_easy(plain, in + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - crypto_secretbox_NONCEBYTES, in,
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    return invalid;
  SessionToken token{std::string(reinterpret_cast<char*>(plain) + 16, kSessionIdBytes),
                     GetInt(plain), GetInt(plain + 8)};
  sodium_memzero(plain, sizeof plain);
  if (token.expires_at <= now) return Unauthenticated("the session has expired; log in again");
  return token;
}

std::string SessionCookie::SetHeader(const std::string& sealed, int64_t max_age_seconds,
                                     bool secure) {
  return std::string(kSessionCookieName) + "=" + sealed +
         "; Max-Age=" + std::to_string(max_age_seconds) + Attributes(secure);
}

std::string SessionCookie::ClearHeader(bool secure) {
  return std::string(kSessionCookieName) + "=; Max-Age=0" + Attributes(secure);
}

}  // namespace immagin::cp
