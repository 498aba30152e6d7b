#include "auth/password_hash.h"

#include <sodium.h>

#include <mutex>

namespace immagin::cp {

Result<std::string> HashPassword(std::string_view password, const AccountLimits& limits) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), limits.pwhash_opslimit,
                        limits.pwhash_memlimit_bytes) != 0)
    return Internal("password hashing ran out of memory");
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& DecoyPasswordHash(const AccountLimits& limits) {
  static std::once_flag once;
  static std::string decoy;
  std::call_once(once, [&] {
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    std::string password(reinterpret_cast<const char*>(random), sizeof random);
    auto hashed = HashPassword(password, limits);
    if (hashed.ok()) decoy = hashed.value();
  });
  return decoy;
}

}  // namespace immagin::cp
