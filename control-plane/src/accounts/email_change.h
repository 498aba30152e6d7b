// Changing a console account's login address: asked for with a session and the current
// password (routes_email_change.cc), confirmed by a single-use link mailed to the new
// address, valid as long as a verification link. The address changes only when the link
// is opened; the old address is told in the same transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "config.h"
#include "immagin/status.h"
#include "mail/email_outbox.h"
#include "store/database.h"

namespace immagin::cp {

enum class EmailChangeOutcome { kLinkSent, kAddressTaken };

// The confirmation email to the new address for a freshly made token.
using EmailChangeMail =
    std::function<EmailMessage(const std::string& new_email, const std::string& token)>;
// The notice to the old address once the change is done.
using EmailChangedNotice =
    std::function<EmailMessage(const std::string& old_email, const std::string& new_email)>;

struct EmailChanged {
  int64_t account_id = 0;
  std::string old_email;
  std::string new_email;
};

// Inside a transaction the caller holds: removes the account's unconfirmed changes (a
// newer request or a password reset supersedes them).
Status CancelEmailChanges(Connection& db, int64_t account_id);

class EmailChangeStore {
 public:
  EmailChangeStore(Database& db, const AccountLimits& limits) : db_(db), limits_(limits) {}

  // A confirmation link mailed to `new_email`, replacing the account's earlier unconfirmed
  // requests. When another account already uses the address, that account's owner gets
  // `taken_notice` instead and nothing else changes: the caller answers both alike, so the
  // request tells nobody who has an account (sign-up does not either).
  Result<EmailChangeOutcome> Request(int64_t account_id, const std::string& new_email, int64_t now,
                                     const EmailChangeMail& mail, const EmailMessage& taken_notice);
  // 400 unknown, 410 used or expired (naming `token`); 409 naming `email` when another
  // account took the address since the link was sent (told only to whoever holds that
  // mailbox). Otherwise the address changes, the link is consumed, the account's reset
  // links (mailed to the old address) are cancelled and `notice` goes to the old address.
  Result<EmailChanged> Confirm(const std::string& token, int64_t now,
                               const EmailChangedNotice& notice);

 private:
  Database& db_;
  AccountLimits limits_;
};

}  // namespace immagin::cp
