#include "accounts/email_change.h"

#include "accounts/link_token.h"
#include "accounts/password_reset.h"

namespace immagin::cp {
namespace {

constexpr LinkTable kChanges{"email_changes", "email confirmation link"};

}  // namespace

Status CancelEmailChanges(Connection& db, int64_t account_id) {
  return CancelUnusedLinks(db, kChanges, account_id);
}

Result<EmailChangeOutcome> EmailChangeStore::Request(int64_t account_id,
                                                     const std::string& new_email, int64_t now,
                                                     const EmailChangeMail& mail,
                                                     const EmailMessage& taken_notice) {
  EmailChangeOutcome outcome = EmailChangeOutcome::kLinkSent;
  auto status = db_.Transaction([&](Connection& db) -> Status {
    if (auto purged = PurgeOldLinks(db, kChanges, now); !purged.ok()) return purged;
    Statement taken(db, "SELECT id FROM accounts WHERE email = ?");
    taken.Bind(1, new_email);
    if (taken.Step()) {
      outcome = EmailChangeOutcome::kAddressTaken;
      return EnqueueEmail(db, taken.Int(0), taken_notice, now);
    }
    if (taken.failed()) return SqlError(db, "reading account");
    if (auto cancelled = CancelEmailChanges(db, account_id); !cancelled.ok()) return cancelled;
    LinkToken link = NewLinkToken();
    Statement insert(db,
                     "INSERT INTO email_changes (token_hash, account_id, new_email, created_at, "
                     "expires_at) VALUES (?, ?, ?, ?, ?)");
    insert.BindBlob(1, link.hash).Bind(2, account_id).Bind(3, new_email).Bind(4, now);
    insert.Bind(5, now + limits_.verification_ttl_seconds);
    insert.Step();
    if (insert.failed()) return SqlError(db, "storing email change");
    return EnqueueEmail(db, account_id, mail(new_email, link.token), now);
  });
  if (!status.ok()) return status.error();
  return outcome;
}

Result<EmailChanged> EmailChangeStore::Confirm(const std::string& token, int64_t now,
                                               const EmailChangedNotice& notice) {
  EmailChanged changed;
  auto status = db_.Transaction([&](Connection& db) -> Status {
    const std::string hash = LinkTokenHash(token);
    Statement row(db,
                  "SELECT c.account_id, c.new_email, c.expires_at, c.used_at IS NOT NULL, a.email "
                  "FROM email_changes c JOIN accounts a ON a.id = c.account_id "
                  "WHERE c.token_hash = ?");
    row.BindBlob(1, hash);
    LinkRow link;
    if (row.Step()) {
      link = LinkRow{true, row.Int(3) != 0, row.Int(2)};
      changed = EmailChanged{row.Int(0), row.IsNull(4) ? "" : row.Text(4), row.Text(1)};
    } else if (row.failed()) {
      return SqlError(db, "reading email change");
    }
    if (auto usable = CheckLinkUsable(link, now, kChanges.what); !usable.ok()) return usable;
    Statement taken(db, "SELECT 1 FROM accounts WHERE email = ? AND id != ?");
    taken.Bind(1, changed.new_email).Bind(2, changed.account_id);
    if (taken.Step())
      return Conflict("email", changed.new_email + " is already used by another account");
    if (taken.failed()) return SqlError(db, "reading account");
    Statement update(db,
                     "UPDATE accounts SET email = ?, email_verified_at = "
                     "COALESCE(email_verified_at, ?) WHERE id = ?");
    update.Bind(1, changed.new_email).Bind(2, now).Bind(3, changed.account_id);
    update.Step();
    if (update.failed()) return SqlError(db, "changing email");
    Statement used(db, "UPDATE email_changes SET used_at = ? WHERE token_hash = ?");
    used.Bind(1, now).BindBlob(2, hash);
    used.Step();
    if (used.failed()) return SqlError(db, "consuming email change");
    if (auto s = CancelEmailChanges(db, changed.account_id); !s.ok()) return s;
    // Reset links went to the old address: whoever still reads it must not get back in.
    if (auto s = CancelPasswordResets(db, changed.account_id); !s.ok()) return s;
    if (changed.old_email.empty()) return {};
    return EnqueueEmail(db, changed.account_id, notice(changed.old_email, changed.new_email), now);
  });
  if (!status.ok()) return status.error();
  return changed;
}

}  // namespace immagin::cp
