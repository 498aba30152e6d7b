#include "auth/api_key_store.h"

#include <sodium.h>

#include <array>

namespace immagin::cp {
namespace {

constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// Writes are skipped when the recorded use is this recent, so a busy key does not turn
// every read request into a database write.
constexpr int64_t kLastUsedResolutionSeconds = 60;

std::string HashKey(std::string_view key) {
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr, 0);
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

bool WellFormed(std::string_view key) {
  if (key.size() != kApiKeyPrefix.size() + kApiKeyRandomChars) return false;
  if (key.substr(0, kApiKeyPrefix.size()) != kApiKeyPrefix) return false;
  for (char c : key.substr(kApiKeyPrefix.size()))
    if (kBase62.find(c) == std::string_view::npos) return false;
  return true;
}

}  // namespace

std::string RandomBase62(size_t length) {
  std::string out;
  out.reserve(length);
  for (size_t i = 0; i < length; ++i)
    out.push_back(kBase62[randombytes_uniform(static_cast<uint32_t>(kBase62.size()))]);
  return out;
}

Result<CreatedApiKey> ApiKeyStore::Create(int64_t project_id, const std::string& name,
                                          int64_t now) {
  if (name.empty() || name.size() > 200)
    return InvalidArgument("name", "must be between 1 and 200 bytes");
  CreatedApiKey created;
  created.key = std::string(kApiKeyPrefix) + RandomBase62(kApiKeyRandomChars);
  created.info = ApiKeyInfo{"key_" + RandomBase62(16),
                            project_id,
                            name,
                            created.key.substr(0, kApiKeyShownPrefixChars),
                            now,
                            std::nullopt};
  auto status = db_.Transaction([&](Connection& db) -> Status {
    Statement count(db,
                    "SELECT COUNT(*) FROM api_keys WHERE project_id = ? AND revoked_at IS NULL");
    count.Bind(1, project_id);
    if (!count.Step()) return SqlError(db, "counting keys");
    if (count.Int(0) >= max_keys_per_project_)
      return Conflict("name", "a project has at most " + std::to_string(max_keys_per_project_) +
                                  " live API keys; revoke one first");
    Statement insert(db,
                     "INSERT INTO api_keys (id, project_id, name, prefix, hash, created_at, "
                     "position) VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 "
                     "FROM api_keys WHERE project_id = ?))");
    insert.Bind(1, created.info.id)
        .Bind(2, project_id)
        .Bind(3, name)
        .Bind(4, created.info.prefix)
        .BindBlob(5, HashKey(created.key))
        .Bind(6, now)
        .Bind(7, project_id);
    insert.Step();
    if (insert.failed()) return SqlError(db, "creating key");
    return {};
  });
  if (!status.ok()) return status.error();
  return created;
}

Result<std::vector<ApiKeyInfo>> ApiKeyStore::List(int64_t project_id) {
  std::vector<ApiKeyInfo> keys;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement rows(db,
                   "SELECT id, name, prefix, created_at, last_used_at FROM api_keys "
                   "WHERE project_id = ? AND revoked_at IS NULL ORDER BY created_at, position");
    rows.Bind(1, project_id);
    while (rows.Step()) {
      ApiKeyInfo info{rows.Text(0), project_id,  rows.Text(1),
                      rows.Text(2), rows.Int(3), std::nullopt};
      if (!rows.IsNull(4)) info.last_used_at = rows.Int(4);
      keys.push_back(std::move(info));
    }
    if (rows.failed()) return SqlError(db, "listing keys");
    return {};
  });
  if (!status.ok()) return status.error();
  return keys;
}

Status ApiKeyStore::Revoke(int64_t project_id, const std::string& key_id, int64_t now) {
  return db_.Run([&](Connection& db) -> Status {
    Statement update(db,
                     "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND project_id = ? AND "
                     "revoked_at IS NULL");
    update.Bind(1, now).Bind(2, key_id).Bind(3, project_id);
    update.Step();
    if (update.failed()) return SqlError(db, "revoking key");
    if (db.Changes() == 0) return NotFound("id", "no API key '" + key_id + "'");
    return {};
  });
}

Result<ApiKeyInfo> ApiKeyStore::Authenticate(std::string_view key, int64_t now) {
  if (!WellFormed(key)) return Unauthenticated("malformed API key");
  ApiKeyInfo info;
  auto status = db_.Run([&](Connection& db) -> Status {
    {
      // The lookup is by hash, so the comparison never touches the secret itself. The
      // statement ends before the UPDATE: a write inside a read that saw an older snapshot
      // gets SQLITE_BUSY at once, without the busy timeout ("database is locked").
      Statement row(db,
                    "SELECT id, project_id, name, prefix, created_at, last_used_at FROM api_keys "
                    "WHERE hash = ? AND revoked_at IS NULL");
      row.BindBlob(1, HashKey(key));
      if (!row.Step()) {
        if (row.failed()) return SqlError(db, "reading key");
        return Unauthenticated("unknown or revoked API key");
      }
      info =
          ApiKeyInfo{row.Text(0), row.Int(1), row.Text(2), row.Text(3), row.Int(4), std::nullopt};
      if (!row.IsNull(5)) info.last_used_at = row.Int(5);
    }
    if (!info.last_used_at || *info.last_used_at + kLastUsedResolutionSeconds <= now) {
      Statement touch(db, "UPDATE api_keys SET last_used_at = ? WHERE id = ?");
      touch.Bind(1, now).Bind(2, info.id);
      touch.Step();
      if (touch.failed()) return SqlError(db, "recording key use");
      info.last_used_at = now;
    }
    return {};
  });
  if (!status.ok()) return status.error();
  return info;
}

}  // namespace immagin::cp
