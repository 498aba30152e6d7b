// Projects (tenants) and their signing secrets; their accounts are AccountStore's.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "immagin/signing.h"
#include "immagin/status.h"
#include "store/database.h"

namespace immagin::cp {

struct Project {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string tenant_id;
  std::string name;
  bool suspended = false;
  int64_t created_at = 0;
  std::string storage_namespace;  // where its originals live (storage_namespace.h)
};

class ProjectStore {
 public:
  ProjectStore(Database& db, int free_projects_per_account)
      : db_(db), free_projects_per_account_(free_projects_per_account) {}

  // Creates the project, with a fresh storage namespace and a row id never used before, and
  // its first signing secret. 409 when the tenant id is taken or a free account already has
  // its project.
  Result<Project> Create(int64_t account_id, const std::string& tenant_id, const std::string& name,
                         int64_t now);
  Result<Project> FindByTenant(const std::string& tenant_id);
  Result<Project> FindById(int64_t project_id);
  Result<std::vector<Project>> List();
  // The account's projects, inside a transaction the caller holds.
  static Result<std::vector<Project>> OfAccount(Connection& db, int64_t account_id);
  // Work that must commit or roll back with a change (queueing its CDN purge).
  using SameTransaction = std::function<Status(Connection&)>;

  // Removes the project with its keys, secrets and usage (ON DELETE CASCADE); `also` runs
  // after, in the same transaction.
  Status Delete(int64_t project_id, const SameTransaction& also = nullptr);
  Status SetSuspended(int64_t project_id, bool suspended, const SameTransaction& also = nullptr);

  // Secrets that still verify at `now`, newest (the one to sign with) first.
  Result<std::vector<SigningSecret>> ActiveSecrets(int64_t project_id, int64_t now);
  // Makes a new signing secret; the previous ones stay valid for at most `grace_seconds`
  // (0: revoked now).
  Result<SigningSecret> RotateSecret(int64_t project_id, int64_t now, int64_t grace_seconds);

 private:
  Database& db_;
  int free_projects_per_account_;
};

}  // namespace immagin::cp
