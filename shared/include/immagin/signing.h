// Signed delivery URLs.
//
//   signature = base64url(HMAC-SHA256(secret, "immagin-v1\n" + tenant + "\n" + payload))
//
// `payload` is the URL's base64url segment exactly as sent, so the signature covers the
// bytes the client chose (no re-encoding on the server), and the optional `exp` lives
// inside it. Neither a tenant id ([a-z0-9-]) nor base64url contains '\n', so the string
// splits one way only: a signature for one tenant never verifies for another.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "immagin/status.h"

namespace immagin {

// A project's signing secret. Rotation keeps the previous secret active with a
// `valid_until` (the grace period); verification tries every active secret.
struct SigningSecret {
  std::string id;                      // identifies the secret, e.g. "s2"; never secret itself
  std::string key;                     // raw bytes, kSigningKeyBytes long when generated
  std::optional<int64_t> valid_until;  // unix seconds; absent = no end

  friend bool operator==(const SigningSecret&, const SigningSecret&) = default;
};

inline constexpr size_t kSigningKeyBytes = 32;

std::string SigningString(std::string_view tenant, std::string_view payload);

// base64url of the 32-byte HMAC-SHA256.
std::string SignPayload(const SigningSecret& secret, std::string_view tenant,
                        std::string_view payload);

// The id of the secret that signed (tenant, payload), or kForbidden. Comparison is
// constant-time and every active secret is tried, so timing says nothing about which one
// (or how much of a signature) matched.
Result<std::string> VerifySignature(std::string_view tenant, std::string_view payload,
                                    std::string_view signature,
                                    std::span<const SigningSecret> secrets, int64_t now);

// kExpired once `now` is past `exp`.
Status CheckExpiry(std::optional<int64_t> exp, int64_t now);

}  // namespace immagin
