#include "auth/session_store.h"

#include <sodium.h>

namespace immagin::cp {
namespace {

std::string IdHash(const std::string& session_id) {
  std::string hash(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), hash.size(),
                     reinterpret_cast<const unsigned char*>(session_id.data()), session_id.size(),
                     nullptr, 0);
  return hash;
}

constexpr int64_t kKeepRevokedSeconds = 86400;  // expired rows linger a day, then go

}  // namespace

Result<SessionToken> SessionStore::Create(int64_t account_id, int64_t now, int64_t ttl_seconds) {
  SessionToken token{std::string(32, '\0'), account_id, now + ttl_seconds};
  randombytes_buf(token.session_id.data(), token.session_id.size());
  auto status = db_.Transaction([&](Connection& db) -> Status {
    Statement purge(db, "DELETE FROM sessions WHERE expires_at < ?");
    purge.Bind(1, now - kKeepRevokedSeconds);
    purge.Step();
    Statement insert(db,
                     "INSERT INTO sessions (id_hash, account_id, created_at, expires_at) "
                     "VALUES (?, ?, ?, ?)");
    insert.BindBlob(1, IdHash(token.session_id)).Bind(2, account_id).Bind(3, now);
    insert.Bind(4, token.expires_at);
    insert.Step();
    if (insert.failed()) return SqlError(db, "creating session");
    return {};
  });
  if (!status.ok()) return status.error();
  return token;
}

Status SessionStore::CheckLive(const SessionToken& token, int64_t now) {
  return db_.Run([&](Connection& db) -> Status {
    Statement row(db, "SELECT account_id, expires_at, revoked_at FROM sessions WHERE id_hash = ?");
    row.BindBlob(1, IdHash(token.session_id));
    if (!row.Step()) {
      if (row.failed()) return SqlError(db, "reading session");
      return Unauthenticated("not logged in (unknown session)");
    }
    if (row.Int(0) != token.account_id) return Unauthenticated("not logged in (unknown session)");
    if (!row.IsNull(2)) return Unauthenticated("the session was logged out");
    if (row.Int(1) <= now) return Unauthenticated("the session has expired; log in again");
    return {};
  });
}

Status SessionStore::Revoke(const SessionToken& token, int64_t now) {
  return db_.Run([&](Connection& db) -> Status {
    Statement update(db,
                     "UPDATE sessions SET revoked_at = COALESCE(revoked_at, ?) WHERE id_hash = ?");
    update.Bind(1, now).BindBlob(2, IdHash(token.session_id));
    update.Step();
    if (update.failed()) return SqlError(db, "revoking session");
    return {};
  });
}

Status SessionStore::RevokeAllOf(Connection& db, int64_t account_id, int64_t now) {
  Statement update(
      db, "UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL");
  update.Bind(1, now).Bind(2, account_id);
  update.Step();
  if (update.failed()) return SqlError(db, "revoking the account's sessions");
  return {};
}

}  // namespace immagin::cp
