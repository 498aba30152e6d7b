#include "password_reset.h"

#include "email_change.h"
#include "link_token.h"
#include "session_store.h"

namespace immagin::cp {
namespace {

constexpr const char* kWhat = "password reset link";
constexpr int64_t kKeepUsedSeconds = 86400;  // "already used" is told for a day past expiry

// The row of a token, read under the caller's lock.
ApiResult<LinkRow> ReadRow(sqlite3* db, const std::string& token, int64_t* account_id) {
  Statement row(db,
                "SELECT account_id, expires_at, used_at IS NOT NULL FROM password_resets "
                "WHERE token_hash = ?");
  row.BindBlob(1, LinkTokenHash(token));
  if (!row.Step()) {
    if (row.failed()) return SqlError(db, "reading password reset");
    return LinkRow{};
  }
  if (account_id) *account_id = row.Int(0);
  return LinkRow{true, row.Int(2) != 0, row.Int(1)};
}

}  // namespace

ApiStatus CancelPasswordResets(sqlite3* db, int64_t account_id) {
  Statement remove(db, "DELETE FROM password_resets WHERE account_id = ? AND used_at IS NULL");
  remove.Bind(1, account_id);
  remove.Step();
  if (remove.failed()) return SqlError(db, "cancelling password resets");
  return {};
}

ApiStatus PasswordResetStore::Request(const std::string& email, int64_t now,
                                      const ResetMail& mail) {
  return db_.Transaction([&](sqlite3* db) -> ApiStatus {
    Statement purge(db, "DELETE FROM password_resets WHERE expires_at < ?");
    purge.Bind(1, now - kKeepUsedSeconds);
    purge.Step();
    if (purge.failed()) return SqlError(db, "purging password resets");
    Statement account(db, "SELECT id FROM accounts WHERE email = ?");
    account.Bind(1, email);
    if (!account.Step()) {
      if (account.failed()) return SqlError(db, "reading account");
      return {};
    }
    int64_t account_id = account.Int(0);
    LinkToken link = NewLinkToken();
    Statement insert(db,
                     "INSERT INTO password_resets (token_hash, account_id, created_at, expires_at) "
                     "VALUES (?, ?, ?, ?)");
    insert.BindBlob(1, link.hash).Bind(2, account_id).Bind(3, now);
    insert.Bind(4, now + limits_.password_reset_ttl_seconds);
    insert.Step();
    if (insert.failed()) return SqlError(db, "storing password reset");
    return EnqueueEmail(db, account_id, mail(email, link.token), now);
  });
}

ApiStatus PasswordResetStore::Check(const std::string& token, int64_t now) {
  return db_.Run([&](sqlite3* db) -> ApiStatus {
    auto row = ReadRow(db, token, nullptr);
    if (!row.ok()) return row.error();
    return CheckLinkUsable(row.value(), now, kWhat);
  });
}

ApiResult<int64_t> PasswordResetStore::Complete(const std::string& token,
                                                const std::string& password_hash, int64_t now,
                                                const PasswordChangedNotice& notice) {
  int64_t account_id = 0;
  auto status = db_.Transaction([&](sqlite3* db) -> ApiStatus {
    auto row = ReadRow(db, token, &account_id);
    if (!row.ok()) return row.error();
    if (auto usable = CheckLinkUsable(row.value(), now, kWhat); !usable.ok()) return usable;
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
