// Accounts: the one owner of the `accounts` table. Console accounts have an email, an
// Argon2id password hash and verification tokens (stored as BLAKE2b hashes); accounts made
// by immagin-admin have no email and cannot log in. Every account has a plan and a billing
// state.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config.h"
#include "immagin/status.h"
#include "mail/email_outbox.h"
#include "store/database.h"

namespace immagin::cp {

struct Account {
  int64_t id = 0;
  std::string email;  // empty for accounts made by immagin-admin
  bool verified = false;
  std::string plan;   // free | paid
  std::string state;  // active | unpaid
  int64_t created_at = 0;
};

enum class SignUpOutcome { kCreated, kAddressTaken };

struct AccountCredentials {
  Account account;
  std::string password_hash;
};

// Builds the verification email for a freshly made token.
using VerificationMail =
    std::function<EmailMessage(const std::string& email, const std::string& token)>;

// Trimmed of nothing, lower-cased; 400 naming "email" unless it looks like one address.
Result<std::string> NormalizeEmail(const std::string& email, const AccountLimits& limits);
// 400 naming "password" when shorter than the minimum (in code points) or too long.
Status ValidatePassword(const std::string& password, const AccountLimits& limits);
// 400 naming "password" when too long to be worth hashing (a password being checked).
Status CheckPasswordSize(const std::string& password, const AccountLimits& limits);

class AccountStore {
 public:
  AccountStore(Database& db, const AccountLimits& limits) : db_(db), limits_(limits) {}

  // The account, its verification token and the email carrying it, in one transaction.
  // An address already registered gets `taken_notice` instead (nothing else changes): the
  // caller answers both alike, so sign-up never tells who has an account. An unverified
  // account past its verification lifetime no longer holds its address (see PurgeStale).
  Result<SignUpOutcome> SignUp(const std::string& email, const std::string& password_hash,
                               int64_t now, const VerificationMail& mail,
                               const EmailMessage& taken_notice);
  // Removes unverified accounts older than the verification lifetime (they cannot own
  // projects), so nobody can squat an address they cannot read mail for.
  Status PurgeStale(int64_t now);
  // A new verification email when `email` has an account waiting for verification
  // (older tokens stay valid until they expire); nothing otherwise, and no error either.
  Status ResendVerification(const std::string& email, int64_t now, const VerificationMail& mail);
  // 400 naming "token" when unknown or expired; idempotent for a verified account.
  Result<Account> Verify(const std::string& token, int64_t now);

  Result<AccountCredentials> FindByEmail(const std::string& normalized_email);
  Result<Account> Find(int64_t account_id);
  // An account without an email (immagin-admin's, and the tests'): 400 naming "plan" unless
  // free or paid.
  Result<Account> Create(const std::string& plan, int64_t now);
  // 400 naming "state" unless active or unpaid; 404 when there is no such account.
  Status SetState(int64_t account_id, const std::string& state);
  // 400 naming "plan" unless free or paid; 404 when there is no such account.
  Status SetPlan(int64_t account_id, const std::string& plan);
  Result<std::vector<int64_t>> ProjectIds(int64_t account_id);
  // Removes the account and, by ON DELETE CASCADE, its projects, keys, secrets, usage,
  // sessions, tokens and queued mail, with `also` (run first) in the same transaction: the
  // caller queues the removal of the stored images there (project_removal.h).
  Status Delete(int64_t account_id, const std::function<Status(Connection&)>& also = nullptr);

 private:
  Status PurgeStaleIn(Connection& db, int64_t now);
  Status Update(int64_t account_id, const char* sql, const std::string& value);
  Status InsertVerification(Connection& db, int64_t account_id, const std::string& email,
                            int64_t now, const VerificationMail& mail);

  Database& db_;
  AccountLimits limits_;
};

}  // namespace immagin::cp
