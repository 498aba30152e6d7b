#include "accounts/account_store.h"

#include "accounts/link_token.h"
#include "immagin/utf8.h"

namespace immagin::cp {
namespace {

constexpr const char* kProfileColumns =
    "SELECT id, email, email_verified_at IS NOT NULL, plan, state, created_at, password_hash "
    "FROM accounts ";

Account ReadProfile(const Statement& row) {
  return Account{row.Int(0),      row.IsNull(1) ? "" : row.Text(1),
                 row.Int(2) != 0, row.Text(3),
                 row.Text(4),     row.Int(5)};
}

}  // namespace

Result<std::string> NormalizeEmail(const std::string& email, const AccountLimits& limits) {
  if (email.empty() || email.size() > limits.max_email_bytes)
    return InvalidArgument(
        "email", "must be between 1 and " + std::to_string(limits.max_email_bytes) + " bytes");
  size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
    return InvalidArgument("email", "must be one address like name@example.com");
  std::string domain = email.substr(at + 1);
  if (domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.')
    return InvalidArgument("email", "must have a domain like example.com");
  std::string out = email;
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    // Control characters, spaces and the characters that would break a mail header.
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"')
      return InvalidArgument("email", "must not contain spaces, control characters or <>,;\"");
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (!Utf8Length(out)) return InvalidArgument("email", "must be UTF-8");
  return out;
}

Status CheckPasswordSize(const std::string& password, const AccountLimits& limits) {
  if (password.size() > limits.max_password_bytes)
    return InvalidArgument(
        "password", "must be at most " + std::to_string(limits.max_password_bytes) + " bytes");
  return {};
}

Status ValidatePassword(const std::string& password, const AccountLimits& limits) {
  if (auto status = CheckPasswordSize(password, limits); !status.ok()) return status;
  auto code_points = Utf8Length(password);
  if (!code_points) return InvalidArgument("password", "must be UTF-8");
  if (*code_points < limits.min_password_chars)
    return InvalidArgument(
        "password",
        "must be at least " + std::to_string(limits.min_password_chars) + " characters");
  return {};
}

Status AccountStore::InsertVerification(Connection& db, int64_t account_id,
                                        const std::string& email, int64_t now,
                                        const VerificationMail& mail) {
  auto token = IssueLink(db, {"email_verifications", "verification link"}, account_id, now,
                         limits_.verification_ttl_seconds);
  if (!token.ok()) return token.error();
  return EnqueueEmail(db, account_id, mail(email, token.value()), now);
}

Status AccountStore::PurgeStaleIn(Connection& db, int64_t now) {
  Statement purge(db,
                  "DELETE FROM accounts WHERE email_verified_at IS NULL AND email IS NOT NULL "
                  "AND created_at <= ?");
  purge.Bind(1, now - limits_.verification_ttl_seconds);
  purge.Step();
  if (purge.failed()) return SqlError(db, "purging unverified accounts");
  return {};
}

Status AccountStore::PurgeStale(int64_t now) {
  return db_.Transaction([&](Connection& db) { return PurgeStaleIn(db, now); });
}

Result<SignUpOutcome> AccountStore::SignUp(const std::string& email,
                                           const std::string& password_hash, int64_t now,
                                           const VerificationMail& mail,
                                           const EmailMessage& taken_notice) {
  SignUpOutcome outcome = SignUpOutcome::kCreated;
  auto status = db_.Transaction([&](Connection& db) -> Status {
    if (auto purged = PurgeStaleIn(db, now); !purged.ok()) return purged;
    Statement taken(db, "SELECT id FROM accounts WHERE email = ?");
    taken.Bind(1, email);
    if (taken.Step()) {
      outcome = SignUpOutcome::kAddressTaken;
      return EnqueueEmail(db, taken.Int(0), taken_notice, now);
    }
    if (taken.failed()) return SqlError(db, "reading account");
    Statement insert(db,
                     "INSERT INTO accounts (email, password_hash, plan, created_at) "
                     "VALUES (?, ?, 'free', ?) RETURNING id");
    insert.Bind(1, email).Bind(2, password_hash).Bind(3, now);
    if (!insert.Step()) return SqlError(db, "creating account");
    return InsertVerification(db, insert.Int(0), email, now, mail);
  });
  if (!status.ok()) return status.error();
  return outcome;
}

Status AccountStore::ResendVerification(const std::string& email, int64_t now,
                                        const VerificationMail& mail) {
  return db_.Transaction([&](Connection& db) -> Status {
    if (auto purged = PurgeStaleIn(db, now); !purged.ok()) return purged;
    Statement row(db, "SELECT id FROM accounts WHERE email = ? AND email_verified_at IS NULL");
    row.Bind(1, email);
    if (!row.Step()) {
      if (row.failed()) return SqlError(db, "reading account");
      return {};
    }
    return InsertVerification(db, row.Int(0), email, now, mail);
  });
}

Result<Account> AccountStore::Verify(const std::string& token, int64_t now) {
  int64_t account_id = 0;
  auto status = db_.Transaction([&](Connection& db) -> Status {
    Statement row(db,
                  "SELECT account_id FROM email_verifications WHERE token_hash = ? AND "
                  "expires_at > ?");
    row.BindBlob(1, LinkTokenHash(token)).Bind(2, now);
    if (!row.Step()) {
      if (row.failed()) return SqlError(db, "reading verification token");
      return InvalidArgument("token", "unknown or expired verification link");
    }
    account_id = row.Int(0);
    Statement update(db,
                     "UPDATE accounts SET email_verified_at = COALESCE(email_verified_at, ?) "
                     "WHERE id = ?");
    update.Bind(1, now).Bind(2, account_id);
    update.Step();
    if (update.failed()) return SqlError(db, "verifying account");
    Statement used(db, "DELETE FROM email_verifications WHERE account_id = ?");
    used.Bind(1, account_id);
    used.Step();
    if (used.failed()) return SqlError(db, "removing verification tokens");
    return {};
  });
  if (!status.ok()) return status.error();
  return Find(account_id);
}

Result<AccountCredentials> AccountStore::FindByEmail(const std::string& normalized_email) {
  AccountCredentials found;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement row(db, std::string(kProfileColumns) + "WHERE email = ?");
    row.Bind(1, normalized_email);
    if (!row.Step()) {
      if (row.failed()) return SqlError(db, "reading account");
      return NotFound("email", "no account with this email");
    }
    found.account = ReadProfile(row);
    found.password_hash = row.IsNull(6) ? "" : row.Text(6);
    return {};
  });
  if (!status.ok()) return status.error();
  return found;
}

Result<Account> AccountStore::Find(int64_t account_id) {
  Account profile;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement row(db, std::string(kProfileColumns) + "WHERE id = ?");
    row.Bind(1, account_id);
    if (!row.Step()) {
      if (row.failed()) return SqlError(db, "reading account");
      return NotFound("account", "no such account");
    }
    profile = ReadProfile(row);
    return {};
  });
  if (!status.ok()) return status.error();
  return profile;
}

Result<Account> AccountStore::Create(const std::string& plan, int64_t now) {
  if (plan != "free" && plan != "paid") return InvalidArgument("plan", "must be 'free' or 'paid'");
  Account account{0, "", false, plan, "active", now};
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement insert(db, "INSERT INTO accounts (plan, created_at) VALUES (?, ?) RETURNING id");
    insert.Bind(1, plan).Bind(2, now);
    if (!insert.Step()) return SqlError(db, "creating account");
    account.id = insert.Int(0);
    return {};
  });
  if (!status.ok()) return status.error();
  return account;
}

Status AccountStore::SetState(int64_t account_id, const std::string& state) {
  if (state != "active" && state != "unpaid")
    return InvalidArgument("state", "must be 'active' or 'unpaid'");
  return Update(account_id, "UPDATE accounts SET state = ? WHERE id = ?", state);
}

Status AccountStore::SetPlan(int64_t account_id, const std::string& plan) {
  if (plan != "free" && plan != "paid") return InvalidArgument("plan", "must be 'free' or 'paid'");
  return Update(account_id, "UPDATE accounts SET plan = ? WHERE id = ?", plan);
}

Status AccountStore::Update(int64_t account_id, const char* sql, const std::string& value) {
  return db_.Run([&](Connection& db) -> Status {
    Statement update(db, sql);
    update.Bind(1, value).Bind(2, account_id);
    update.Step();
    if (update.failed()) return SqlError(db, "updating account");
    if (db.Changes() == 0) return NotFound("account", "no account " + std::to_string(account_id));
    return {};
  });
}

Result<std::vector<int64_t>> AccountStore::ProjectIds(int64_t account_id) {
  std::vector<int64_t> ids;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement rows(db, "SELECT id FROM projects WHERE account_id = ? ORDER BY id");
    rows.Bind(1, account_id);
    while (rows.Step()) ids.push_back(rows.Int(0));
    if (rows.failed()) return SqlError(db, "listing projects");
    return {};
  });
  if (!status.ok()) return status.error();
  return ids;
}

Status AccountStore::Delete(int64_t account_id, const std::function<Status(Connection&)>& also) {
  return db_.Transaction([&](Connection& db) -> Status {
    if (also)
      if (auto status = also(db); !status.ok()) return status;
    Statement remove(db, "DELETE FROM accounts WHERE id = ?");
    remove.Bind(1, account_id);
    remove.Step();
    if (remove.failed()) return SqlError(db, "deleting account");
    if (db.Changes() == 0) return NotFound("account", "no such account");
    return {};
  });
}

}  // namespace immagin::cp
