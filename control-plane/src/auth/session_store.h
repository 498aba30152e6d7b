// Console sessions, server side: one row per login keyed by the BLAKE2b hash of the
// session id (a copy of the database gives no usable cookie), revoked at logout and, all of
// an account's at once, by a password reset.
#pragma once

#include <cstdint>

#include "auth/session_cookie.h"
#include "immagin/status.h"
#include "store/database.h"

namespace immagin::cp {

class SessionStore {
 public:
  explicit SessionStore(Database& db) : db_(db) {}

  Result<SessionToken> Create(int64_t account_id, int64_t now, int64_t ttl_seconds);
  // 401 unless the session exists, belongs to the token's account, is not revoked and
  // has not expired.
  Status CheckLive(const SessionToken& token, int64_t now);
  Status Revoke(const SessionToken& token, int64_t now);
  // Inside a transaction the caller holds: every session of the account (a password reset).
  static Status RevokeAllOf(Connection& db, int64_t account_id, int64_t now);

 private:
  Database& db_;
};

}  // namespace immagin::cp
