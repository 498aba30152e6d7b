#include "accounts/password_reset.h"

#include "accounts/email_change.h"
#include "accounts/link_token.h"
#include "auth/session_store.h"

namespace immagin::cp {
namespace {

constexpr LinkTable kResets{"password_resets", "password reset link"};

}  // namespace

Status CancelPasswordResets(Connection& db, int64_t account_id) {
  return CancelUnusedLinks(db, kResets, account_id);
}

Status PasswordResetStore::Request(const std::string& email, int64_t now, const ResetMail& mail) {
  return db_.Transaction([&](Connection& db) -> Status {
    if (auto purged = PurgeOldLinks(db, kResets, now); !purged.ok()) return purged;
    Statement account(db, "SELECT id FROM accounts WHERE email = ?");
    account.Bind(1, email);
    if (!account.Step()) {
      if (account.failed()) return SqlError(db, "reading account");
      return {};
    }
    int64_t account_id = account.Int(0);
    auto token = IssueLink(db, kResets, account_id, now, limits_.password_reset_ttl_seconds);
    if (!token.ok()) return token.error();
    return EnqueueEmail(db, account_id, mail(email, token.value()), now);
  });
}

Status PasswordResetStore::Check(const std::string& token, int64_t now) {
  return db_.Run([&](Connection& db) -> Status {
    auto row = ReadLink(db, kResets, token, nullptr);
    if (!row.ok()) return row.error();
    return CheckLinkUsable(row.value(), now, kResets.what);
  });
}

Result<int64_t> PasswordResetStore::Complete(const std::string& token,
                                             const std::string& password_hash, int64_t now,
                                             const PasswordChangedNotice& notice) {
  int64_t account_id = 0;
  auto status = db_.Transaction([&](Connection& db) -> Status {
    auto row = ReadLink(db, kResets, token, &account_id);
    if (!row.ok()) return row.error();
    if (auto usable = CheckLinkUsable(row.value(), now, kResets.what); !usable.ok()) return usable;
    Statement account(db, "SELECT email FROM accounts WHERE id = ?");
    account.Bind(1, account_id);
    if (!account.Step()) return SqlError(db, "reading account");  // rows cascade with it
    std::string email = account.Text(0);
    // The link proves the address as much as the verification link does.
    Statement update(db,
                     "UPDATE accounts SET password_hash = ?, email_verified_at = "
                     "COALESCE(email_verified_at, ?) WHERE id = ?");
    update.Bind(1, password_hash).Bind(2, now).Bind(3, account_id);
    update.Step();
    if (update.failed()) return SqlError(db, "setting password");
    Statement used(db, "UPDATE password_resets SET used_at = ? WHERE token_hash = ?");
    used.Bind(1, now).BindBlob(2, LinkTokenHash(token));
    used.Step();
    if (used.failed()) return SqlError(db, "consuming password reset");
    // Whoever made the other links, sessions or pending changes may be the reason for the
    // reset (a stolen password or cookie): none of them outlives it.
    if (auto s = CancelPasswordResets(db, account_id); !s.ok()) return s;
    if (auto s = CancelEmailChanges(db, account_id); !s.ok()) return s;
    if (auto s = SessionStore::RevokeAllOf(db, account_id, now); !s.ok()) return s;
    return EnqueueEmail(db, account_id, notice(email), now);
  });
  if (!status.ok()) return status.error();
  return account_id;
}

}  // namespace immagin::cp
