#include "accounts/project_store.h"

#include <sodium.h>

#include "immagin/tenant_id.h"
#include "storage/storage_namespace.h"

namespace immagin::cp {
namespace {

Status InsertSecret(Connection& db, int64_t project_id, int64_t now) {
  std::string key(kSigningKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  Statement insert(db,
                   "INSERT INTO signing_secrets (project_id, secret, created_at) VALUES (?, ?, ?)");
  insert.Bind(1, project_id).BindBlob(2, key).Bind(3, now);
  insert.Step();
  sodium_memzero(key.data(), key.size());
  if (insert.failed()) return SqlError(db, "inserting signing secret");
  return {};
}

constexpr const char* kProjectColumns =
    "SELECT id, account_id, tenant_id, name, suspended, created_at, storage_namespace FROM "
    "projects ";

Project ReadProject(const Statement& row) {
  return Project{row.Int(0),      row.Int(1), row.Text(2), row.Text(3),
                 row.Int(4) != 0, row.Int(5), row.Text(6)};
}

// The next project id: above every id ever handed out (`id_sequences`), not just above the
// live ones as INTEGER PRIMARY KEY would pick, so a deleted project's id is never reused.
Result<int64_t> NextProjectId(Connection& db) {
  Statement next(db,
                 "UPDATE id_sequences SET last_id = 1 + CASE WHEN last_id >= live.top THEN "
                 "last_id ELSE live.top END FROM (SELECT COALESCE(MAX(id), 0) AS top FROM "
                 "projects) AS live WHERE name = 'projects' RETURNING last_id");
  if (!next.Step()) return SqlError(db, "drawing a project id");
  return next.Int(0);
}

std::string SecretId(int64_t row_id) { return "s" + std::to_string(row_id); }

}  // namespace

Result<Project> ProjectStore::Create(int64_t account_id, const std::string& tenant_id,
                                     const std::string& name, int64_t now) {
  if (auto status = ValidateTenantId(tenant_id, "tenant"); !status.ok()) return status.error();
  if (name.empty() || name.size() > 200)
    return InvalidArgument("name", "must be between 1 and 200 bytes");
  Project project{0, account_id, tenant_id, name, false, now, NewStorageNamespace()};
  auto status = db_.Transaction([&](Connection& db) -> Status {
    Statement account(db,
                      "SELECT plan, (SELECT COUNT(*) FROM projects WHERE account_id = a.id) "
                      "FROM accounts a WHERE id = ?");
    account.Bind(1, account_id);
    if (!account.Step()) {
      if (account.failed()) return SqlError(db, "reading account");
      return NotFound("account", "no account " + std::to_string(account_id));
    }
    if (account.Text(0) == "free" && account.Int(1) >= free_projects_per_account_)
      return Conflict("account", "the free plan allows " +
                                     std::to_string(free_projects_per_account_) + " project(s)");
    Statement taken(db, "SELECT 1 FROM projects WHERE tenant_id = ?");
    taken.Bind(1, tenant_id);
    if (taken.Step()) return Conflict("tenant", "tenant id '" + tenant_id + "' is taken");
    auto id = NextProjectId(db);
    if (!id.ok()) return id.error();
    project.id = id.value();
    Statement insert(db,
                     "INSERT INTO projects (id, account_id, tenant_id, name, created_at, "
                     "storage_namespace) VALUES (?, ?, ?, ?, ?, ?)");
    insert.Bind(1, project.id).Bind(2, account_id).Bind(3, tenant_id).Bind(4, name);
    insert.Bind(5, now).Bind(6, project.storage_namespace);
    insert.Step();
    if (insert.failed()) return SqlError(db, "creating project");
    return InsertSecret(db, project.id, now);
  });
  if (!status.ok()) return status.error();
  return project;
}

Result<Project> ProjectStore::FindByTenant(const std::string& tenant_id) {
  Project project;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement row(db, std::string(kProjectColumns) + "WHERE tenant_id = ?");
    row.Bind(1, tenant_id);
    if (!row.Step()) {
      if (row.failed()) return SqlError(db, "reading project");
      return NotFound("tenant", "no project with tenant id '" + tenant_id + "'");
    }
    project = ReadProject(row);
    return {};
  });
  if (!status.ok()) return status.error();
  return project;
}

Result<Project> ProjectStore::FindById(int64_t project_id) {
  Project project;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement row(db, std::string(kProjectColumns) + "WHERE id = ?");
    row.Bind(1, project_id);
    if (!row.Step()) {
      if (row.failed()) return SqlError(db, "reading project");
      return NotFound("project", "no project " + std::to_string(project_id));
    }
    project = ReadProject(row);
    return {};
  });
  if (!status.ok()) return status.error();
  return project;
}

Result<std::vector<Project>> ProjectStore::List() {
  std::vector<Project> projects;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement rows(db, std::string(kProjectColumns) + "ORDER BY tenant_id");
    while (rows.Step()) projects.push_back(ReadProject(rows));
    if (rows.failed()) return SqlError(db, "listing projects");
    return {};
  });
  if (!status.ok()) return status.error();
  return projects;
}

Result<std::vector<Project>> ProjectStore::OfAccount(Connection& db, int64_t account_id) {
  std::vector<Project> projects;
  Statement rows(db, std::string(kProjectColumns) + "WHERE account_id = ? ORDER BY id");
  rows.Bind(1, account_id);
  while (rows.Step()) projects.push_back(ReadProject(rows));
  if (rows.failed()) return SqlError(db, "listing the account's projects");
  return projects;
}

Status ProjectStore::Delete(int64_t project_id, const SameTransaction& also) {
  return db_.Transaction([&](Connection& db) -> Status {
    Statement remove(db, "DELETE FROM projects WHERE id = ?");
    remove.Bind(1, project_id);
    remove.Step();
    if (remove.failed()) return SqlError(db, "deleting project");
    if (db.Changes() == 0) return NotFound("project", "no project " + std::to_string(project_id));
    return also ? also(db) : Status{};
  });
}

Status ProjectStore::SetSuspended(int64_t project_id, bool suspended, const SameTransaction& also) {
  return db_.Transaction([&](Connection& db) -> Status {
    Statement update(db, "UPDATE projects SET suspended = ? WHERE id = ?");
    update.Bind(1, suspended ? 1 : 0).Bind(2, project_id);
    update.Step();
    if (update.failed()) return SqlError(db, "updating project");
    return also ? also(db) : Status{};
  });
}

Result<std::vector<SigningSecret>> ProjectStore::ActiveSecrets(int64_t project_id, int64_t now) {
  std::vector<SigningSecret> secrets;
  auto status = db_.Run([&](Connection& db) -> Status {
    Statement rows(db,
                   "SELECT id, secret, valid_until FROM signing_secrets WHERE project_id = ? "
                   "AND (valid_until IS NULL OR valid_until > ?) ORDER BY id DESC");
    rows.Bind(1, project_id).Bind(2, now);
    while (rows.Step()) {
      SigningSecret secret{SecretId(rows.Int(0)), rows.Blob(1), std::nullopt};
      if (!rows.IsNull(2)) secret.valid_until = rows.Int(2);
      secrets.push_back(std::move(secret));
    }
    if (rows.failed()) return SqlError(db, "reading signing secrets");
    return {};
  });
  if (!status.ok()) return status.error();
  if (secrets.empty()) return Internal("project has no active signing secret");
  return secrets;
}

Result<SigningSecret> ProjectStore::RotateSecret(int64_t project_id, int64_t now,
                                                 int64_t grace_seconds) {
  auto status = db_.Transaction([&](Connection& db) -> Status {
    // Every older secret ends by the new grace: older ones keep a shorter end, and a
    // rotation with grace 0 (a leaked secret) revokes the previous ones too at once.
    Statement expire(db,
                     "UPDATE signing_secrets SET valid_until = ? WHERE project_id = ? AND "
                     "(valid_until IS NULL OR valid_until > ?)");
    expire.Bind(1, now + grace_seconds).Bind(2, project_id).Bind(3, now + grace_seconds);
    expire.Step();
    if (expire.failed()) return SqlError(db, "expiring signing secret");
    return InsertSecret(db, project_id, now);
  });
  if (!status.ok()) return status.error();
  auto secrets = ActiveSecrets(project_id, now);
  if (!secrets.ok()) return secrets.error();
  return secrets.value().front();
}

}  // namespace immagin::cp
