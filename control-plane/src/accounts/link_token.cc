#include "accounts/link_token.h"

#include <sodium.h>

#include "immagin/base64url.h"

namespace immagin::cp {

LinkToken NewLinkToken() {
  std::string raw(32, '\0');
  randombytes_buf(raw.data(), raw.size());
  LinkToken out;
  out.token = Base64UrlEncode(raw);
  out.hash = LinkTokenHash(out.token);
  return out;
}

std::string LinkTokenHash(const std::string& token) {
  std::string hash(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), hash.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  return hash;
}

Status CheckLinkUsable(const LinkRow& row, int64_t now, const std::string& what) {
  if (!row.found) return InvalidArgument("token", "unknown " + what + "; ask for a new one");
  if (row.used)
    return Error{ErrorCode::kExpired, "token", "this " + what + " was already used", "used"};
  if (row.expires_at <= now)
    return Error{ErrorCode::kExpired, "token", "this " + what + " has expired; ask for a new one"};
  return {};
}

Result<std::string> IssueLink(Connection& db, const LinkTable& table, int64_t account_id,
                              int64_t now, int64_t ttl_seconds) {
  LinkToken link = NewLinkToken();
  Statement insert(db, std::string("INSERT INTO ") + table.name +
                           " (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
  insert.BindBlob(1, link.hash).Bind(2, account_id).Bind(3, now).Bind(4, now + ttl_seconds);
  insert.Step();
  if (insert.failed()) return SqlError(db, std::string("storing a ") + table.what);
  return link.token;
}

Status CancelUnusedLinks(Connection& db, const LinkTable& table, int64_t account_id) {
  Statement remove(
      db, std::string("DELETE FROM ") + table.name + " WHERE account_id = ? AND used_at IS NULL");
  remove.Bind(1, account_id);
  remove.Step();
  if (remove.failed()) return SqlError(db, std::string("cancelling a ") + table.what);
  return {};
}

Status PurgeOldLinks(Connection& db, const LinkTable& table, int64_t now) {
  constexpr int64_t kKeepSeconds = 86400;
  Statement purge(db, std::string("DELETE FROM ") + table.name + " WHERE expires_at < ?");
  purge.Bind(1, now - kKeepSeconds);
  purge.Step();
  if (purge.failed()) return SqlError(db, std::string("purging old ") + table.what + "s");
  return {};
}

Result<LinkRow> ReadLink(Connection& db, const LinkTable& table, const std::string& token,
                         int64_t* account_id) {
  Statement row(db, std::string("SELECT account_id, expires_at, used_at IS NOT NULL FROM ") +
                        table.name + " WHERE token_hash = ?");
  row.BindBlob(1, LinkTokenHash(token));
  if (!row.Step()) {
    if (row.failed()) return SqlError(db, std::string("reading a ") + table.what);
    return LinkRow{};
  }
  if (account_id) *account_id = row.Int(0);
  return LinkRow{true, row.Int(2) != 0, row.Int(1)};
}

}  // namespace immagin::cp
