#include "immagin/signing.h"

#include <sodium.h>

#include <array>

#include "immagin/base64url.h"

namespace immagin {
namespace {

using Mac = std::array<uint8_t, crypto_auth_hmacsha256_BYTES>;

Mac ComputeMac(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  Mac mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof state);
  return mac;
}

Error Forbidden() { return Error{ErrorCode::kForbidden, "sig", "invalid signature"}; }

}  // namespace

std::string SigningString(std::string_view tenant, std::string_view payload) {
  std::string s = "immagin-v1\n";
  s.append(tenant);
  s += '\n';
  s.append(payload);
  return s;
}

std::string SignPayload(const SigningSecret& secret, std::string_view tenant,
                        std::string_view payload) {
  const Mac mac = ComputeMac(secret.key, SigningString(tenant, payload));
  return Base64UrlEncode(std::span<const uint8_t>(mac));
}

Result<std::string> VerifySignature(std::string_view tenant, std::string_view payload,
                                    std::string_view signature,
                                    std::span<const SigningSecret> secrets, int64_t now) {
  auto given = Base64UrlDecode(signature, "sig");
  if (!given || given->size() != crypto_auth_hmacsha256_BYTES) return Forbidden();
  const std::string message = SigningString(tenant, payload);
  const SigningSecret* match = nullptr;
  for (const SigningSecret& secret : secrets) {
    if (secret.valid_until && now > *secret.valid_until) continue;
    const Mac mac = ComputeMac(secret.key, message);
    if (sodium_memcmp(mac.data(), given->data(), mac.size()) == 0 && match == nullptr) {
      match = &secret;
    }
  }
  if (match == nullptr) return Forbidden();
  return match->id;
}

Status CheckExpiry(std::optional<int64_t> exp, int64_t now) {
  if (exp && now > *exp) return Error{ErrorCode::kExpired, "exp", "this URL has expired"};
  return {};
}

}  // namespace immagin
