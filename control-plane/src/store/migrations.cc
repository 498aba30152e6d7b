#include "store/migrations.h"

#include <array>
#include <string>

#include "store/database.h"
#include "store/dialect.h"

namespace immagin::cp {
namespace {

// Append only: a released migration is never edited.
constexpr std::array<const char*, 8> kMigrations = {
    R"sql(
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  email TEXT UNIQUE,
  plan TEXT NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'paid')),
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'unpaid')),
  created_at INTEGER NOT NULL
);
CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  tenant_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  suspended INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX projects_by_account ON projects(account_id);
CREATE TABLE signing_secrets (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  secret BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  valid_until INTEGER
);
CREATE INDEX signing_secrets_by_project ON signing_secrets(project_id);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX api_keys_by_project ON api_keys(project_id);
CREATE TABLE usage_transforms (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  month TEXT NOT NULL,
  transform_id TEXT NOT NULL,
  day TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  ms INTEGER NOT NULL,
  PRIMARY KEY (project_id, month, transform_id)
) WITHOUT ROWID;
CREATE TABLE usage_batches (
  batch_id TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL
);
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL
);
)sql",
    // Console accounts (#8). Accounts made by immagin-admin keep a NULL email and password:
    // they own their projects but cannot log in.
    R"sql(
ALTER TABLE accounts ADD COLUMN password_hash TEXT;
ALTER TABLE accounts ADD COLUMN email_verified_at INTEGER;
CREATE TABLE sessions (
  id_hash BLOB PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX sessions_by_account ON sessions(account_id);
CREATE TABLE email_verifications (
  token_hash BLOB PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX email_verifications_by_account ON email_verifications(account_id);
CREATE TABLE email_outbox (
  id INTEGER PRIMARY KEY,
  account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  sent_at INTEGER,
  last_error TEXT
);
CREATE INDEX email_outbox_pending ON email_outbox(next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX email_outbox_by_account ON email_outbox(account_id);
)sql",
    // Hostile tenants (#12). Storage is keyed by a namespace that is never reused (a deleted
    // project's presigned S3 PUT must not land in a newer project with the same id). Existing
    // projects keep the folder / S3 prefix they already had, their row id; new ones draw a
    // random one. Project ids come from id_sequences, above every id ever used.
    R"sql(
ALTER TABLE projects ADD COLUMN storage_namespace TEXT NOT NULL DEFAULT '';
UPDATE projects SET storage_namespace = CAST(id AS TEXT);
CREATE UNIQUE INDEX projects_by_storage_namespace ON projects(storage_namespace);
CREATE TABLE id_sequences (
  name TEXT PRIMARY KEY,
  last_id INTEGER NOT NULL
);
INSERT INTO id_sequences (name, last_id) SELECT 'projects', COALESCE(MAX(id), 0) FROM projects;
)sql",
    // CDN purges (#12): cache tags to purge, written with the change that needs them and
    // deleted once every configured CDN acknowledged them (`delivered_to` lists those that
    // did). `due_at_ms` is the first attempt (later for a repeat), then the next retry.
    R"sql(
CREATE TABLE purge_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tags TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  due_at_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  delivered_to TEXT NOT NULL DEFAULT '',
  last_error TEXT
);
CREATE INDEX purge_outbox_due ON purge_outbox(due_at_ms);
-- Originals about to be replaced straight in the S3 bucket (a sized presign over an
-- existing key): the ETag they had, so the first fetch that sees another one purges.
CREATE TABLE replacement_watch (
  storage_namespace TEXT NOT NULL,
  key TEXT NOT NULL,
  etag TEXT NOT NULL,
  until_ms INTEGER NOT NULL,
  PRIMARY KEY (storage_namespace, key)
) WITHOUT ROWID;
)sql",
    // Hostile tenants (#12): rate-limit windows shared by every process (sign-up, resends),
    // and the index that finds unverified accounts past their verification lifetime.
    R"sql(
CREATE TABLE rate_limit_windows (
  bucket TEXT PRIMARY KEY,
  hits INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX rate_limit_windows_by_end ON rate_limit_windows(expires_at);
CREATE INDEX accounts_unverified ON accounts(created_at)
  WHERE email_verified_at IS NULL AND email IS NOT NULL;
)sql",
    // Crash-safe deletion (#13): the stored originals of deleted projects still to be
    // removed, queued in the transaction that deletes the project's rows and deleted once
    // the store holds nothing under the namespace (storage_removal_queue.h).
    R"sql(
CREATE TABLE storage_removals (
  storage_namespace TEXT PRIMARY KEY,
  queued_at_ms INTEGER NOT NULL,
  due_at_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) WITHOUT ROWID;
CREATE INDEX storage_removals_due ON storage_removals(due_at_ms);
)sql",
    // Account recovery (#17): password reset and email change links, stored as the BLAKE2b
    // hash of their token (link_token.h). A consumed row keeps `used_at` until it is purged
    // a day after its expiry, so a second use is told "already used", not "unknown".
    R"sql(
CREATE TABLE password_resets (
  token_hash BLOB PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX password_resets_by_account ON password_resets(account_id);
CREATE INDEX password_resets_by_expiry ON password_resets(expires_at);
CREATE TABLE email_changes (
  token_hash BLOB PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  new_email TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX email_changes_by_account ON email_changes(account_id);
CREATE INDEX email_changes_by_expiry ON email_changes(expires_at);
)sql",
    // PostgreSQL (#15): keys listed in creation order without SQLite's rowid; the keys of
    // older databases keep 0 and their created_at order.
    R"sql(
ALTER TABLE api_keys ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
)sql",
};

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

const char* MigrationSql(int version) {
  if (version < 1 || version > LatestSchemaVersion()) return nullptr;
  return kMigrations[version - 1];
}

Status ApplyMigrations(Database& db) {
  for (int version = 1; version <= LatestSchemaVersion(); ++version) {
    auto status = db.Transaction([&](Connection& raw) -> Status {
      // Re-read inside the write lock: another process may have migrated meanwhile.
      auto current = SchemaVersion(raw);
      if (!current.ok()) return current.error();
      if (*current > LatestSchemaVersion())
        return Internal("database schema version " + std::to_string(*current) +
                        " is newer than this binary (" + std::to_string(LatestSchemaVersion()) +
                        ")");
      if (*current >= version) return {};
      if (auto applied = raw.Exec(MigrationFor(raw.backend(), kMigrations[version - 1]));
          !applied.ok())
        return applied;
      return SetSchemaVersion(raw, version);
    });
    if (!status.ok()) return status;
  }
  return {};
}

}  // namespace immagin::cp
