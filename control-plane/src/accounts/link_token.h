// The single-use tokens carried by emailed links (email verification, password reset,
// email change): 32 random bytes as base64url, stored only as their BLAKE2b-256 hash, like
// API keys, so a copy of the database opens no link. The tokens are uniformly random, so
// an unkeyed hash is enough (there is no dictionary to try).
#pragma once

#include <cstdint>
#include <string>

#include "immagin/status.h"
#include "store/database.h"

namespace immagin::cp {

struct LinkToken {
  std::string token;  // goes into the link, never stored
  std::string hash;   // goes into the database
};

LinkToken NewLinkToken();
std::string LinkTokenHash(const std::string& token);

// What a stored link's row says about a token, as the answer to give: 400 naming `token`
// when there is no row (never issued, superseded or cancelled), 410 `used` once consumed,
// 410 `expired` past its lifetime. `what` names the link in the message ("reset link").
struct LinkRow {
  bool found = false;
  bool used = false;
  int64_t expires_at = 0;
};
Status CheckLinkUsable(const LinkRow& row, int64_t now, const std::string& what);

// A table of emailed links (token_hash, account_id, created_at, expires_at, used_at): the
// statements every kind of link shares, run under the caller's transaction.
struct LinkTable {
  const char* name;  // a constant of the schema, never input
  const char* what;  // names the link in messages, e.g. "password reset link"
};
// A new link for the account, valid `ttl_seconds`: the token to mail.
Result<std::string> IssueLink(Connection& db, const LinkTable& table, int64_t account_id,
                              int64_t now, int64_t ttl_seconds);
// The account's links not used yet stop working.
Status CancelUnusedLinks(Connection& db, const LinkTable& table, int64_t account_id);
// Rows a day past expiry go ("already used" is still told until then).
Status PurgeOldLinks(Connection& db, const LinkTable& table, int64_t now);
// The row of a token; `account_id` (when given) gets its account.
Result<LinkRow> ReadLink(Connection& db, const LinkTable& table, const std::string& token,
                         int64_t* account_id);

}  // namespace immagin::cp
