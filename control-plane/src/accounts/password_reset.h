// Password reset links: asked for by address (no session), emailed through the outbox,
// single use, valid for `password_reset_ttl_seconds`. Completing one sets the new password
// hash, proves the address (like the verification link), revokes every session of the
// account and cancels its other reset links and pending email changes, in one transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "config.h"
#include "immagin/status.h"
#include "mail/email_outbox.h"
#include "store/database.h"

namespace immagin::cp {

// The reset email for an address and a freshly made token.
using ResetMail = std::function<EmailMessage(const std::string& email, const std::string& token)>;
// A notice to the account's address once its password changed.
using PasswordChangedNotice = std::function<EmailMessage(const std::string& email)>;

// Inside a transaction the caller holds: removes the account's unused reset links (an
// email change makes the links mailed to the old address worthless).
Status CancelPasswordResets(Connection& db, int64_t account_id);

class PasswordResetStore {
 public:
  PasswordResetStore(Database& db, const AccountLimits& limits) : db_(db), limits_(limits) {}

  // A reset link mailed to `email` when an account uses it; nothing otherwise, and no error
  // either (the caller answers alike). Older links of the account stay valid until used or
  // expired: the user may open any of the mails.
  Status Request(const std::string& email, int64_t now, const ResetMail& mail);
  // Whether `token` could be used now (400 unknown, 410 used or expired), without changing
  // anything: checked before the new password is hashed, so a bogus token costs no Argon2id.
  Status Check(const std::string& token, int64_t now);
  // Consumes `token` and sets `password_hash` (checked again under the write lock, so two
  // concurrent uses cannot both win); `notice` tells the address the password changed.
  // Gives the account's id.
  Result<int64_t> Complete(const std::string& token, const std::string& password_hash, int64_t now,
                           const PasswordChangedNotice& notice);

 private:
  Database& db_;
  AccountLimits limits_;
};

}  // namespace immagin::cp
