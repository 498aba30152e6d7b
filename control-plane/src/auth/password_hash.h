// Passwords are stored only as Argon2id strings (libsodium crypto_pwhash_str: algorithm,
// cost, salt and hash in one ASCII string), with the cost from AccountLimits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config.h"
#include "immagin/status.h"

namespace immagin::cp {

Result<std::string> HashPassword(std::string_view password, const AccountLimits& limits);
// Constant-time in the password; false for any mismatch or a malformed hash.
bool VerifyPassword(const std::string& hash, std::string_view password);
// A valid hash of an unguessable password: verified against when an email is unknown, so a
// login takes the same time whether the account exists or not.
const std::string& DecoyPasswordHash(const AccountLimits& limits);

}  // namespace immagin::cp
