// immagin-admin: bootstraps and manages projects directly on the database (safe while
// servers run: SQLite WAL + busy timeout, or PostgreSQL's locks). Prints one JSON object
// per command.
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "accounts/account_store.h"
#include "accounts/project_removal.h"
#include "accounts/project_store.h"
#include "auth/api_key_store.h"
#include "calendar.h"
#include "config.h"
#include "immagin/json.h"
#include "purge/purge_outbox.h"
#include "storage/local_storage.h"
#include "storage/storage_sweeper.h"
#include "store/database.h"

namespace immagin::cp {
namespace {

constexpr const char* kUsage =
    "usage: immagin-admin COMMAND [--data-dir DIR] [--database-url URL] [options]\n"
    "  create-project --tenant ID [--name NAME] [--plan free|paid] [--account ID]\n"
    "  create-key --tenant ID [--name NAME]\n"
    "  list-projects\n"
    "  delete-project --tenant ID          (removes its images, keys, secrets, usage)\n"
    "  rotate-secret --tenant ID [--grace-seconds N]\n"
    "  set-account-state --tenant ID --state active|unpaid\n"
    "  set-plan --tenant ID --plan free|paid\n"
    "  suspend-project --tenant ID | resume-project --tenant ID\n"
    "DIR defaults to $IMMAGIN_DATA_DIR, then ./data; URL to $IMMAGIN_DATABASE_URL, then\n"
    "DIR's SQLite file.\n";

int Fail(const Error& error) {
  std::fprintf(stderr, "immagin-admin: %s%s%s\n", error.field.c_str(),
               error.field.empty() ? "" : ": ", error.message.c_str());
  return 1;
}

Result<int64_t> ParseNumber(const std::string& text, const std::string& field) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0)
    return InvalidArgument(field, "must be a non-negative integer");
  return value;
}

int Print(const Json& json) {
  std::printf("%s\n", DumpJson(json).c_str());
  return 0;
}

int Run(const std::string& command, std::map<std::string, std::string> options) {
  std::string data_dir = "./data";
  if (const char* env = std::getenv("IMMAGIN_DATA_DIR"); env != nullptr) data_dir = env;
  if (options.count("data-dir")) data_dir = options["data-dir"];
  // The storage settings come from the environment, as for the server.
  auto loaded = LoadConfig({}, [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  });
  if (!loaded.ok()) return Fail(loaded.error());
  Config config = loaded.value();
  config.data_dir = data_dir;
  if (options.count("database-url")) config.database_url = options["database-url"];
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  auto db = Database::Open(config.DatabaseUrl(), DatabaseOptions{2, config.busy_timeout_ms});
  if (!db.ok()) return Fail(db.error());
  ProjectStore projects(*db.value(), config.limits.free_projects_per_account);
  AccountStore accounts(*db.value(), config.accounts);
  ApiKeyStore keys(*db.value(), config.limits.max_api_keys_per_project);
  int64_t now = NowSeconds();

  if (command == "list-projects") {
    auto list = projects.List();
    if (!list.ok()) return Fail(list.error());
    Json out = Json::array();
    for (const auto& project : list.value()) {
      auto account = accounts.Find(project.account_id);
      out.push_back(Json{{"tenant", project.tenant_id},
                         {"name", project.name},
                         {"account", project.account_id},
                         {"plan", account.ok() ? account->plan : ""},
                         {"accountState", account.ok() ? account->state : ""},
                         {"suspended", project.suspended},
                         {"storageNamespace", project.storage_namespace},
                         {"createdAt", FormatIso8601(project.created_at)}});
    }
    return Print(out);
  }
  if (!options.count("tenant")) return Fail(InvalidArgument("tenant", "--tenant is required"));
  const std::string tenant = options["tenant"];

  if (command == "create-project") {
    int64_t account_id = 0;
    if (options.count("account")) {
      auto parsed = ParseNumber(options["account"], "account");
      if (!parsed.ok()) return Fail(parsed.error());
      account_id = parsed.value();
    } else {
      auto account = accounts.Create(options.count("plan") ? options["plan"] : "free", now);
      if (!account.ok()) return Fail(account.error());
      account_id = account->id;
    }
    auto project =
        projects.Create(account_id, tenant, options.count("name") ? options["name"] : tenant, now);
    if (!project.ok()) return Fail(project.error());
    return Print(Json{{"tenant", project->tenant_id},
                      {"account", account_id},
                      {"id", project->id},
                      {"storageNamespace", project->storage_namespace}});
  }
  auto project = projects.FindByTenant(tenant);
  if (!project.ok()) return Fail(project.error());

  if (command == "create-key") {
    auto created = keys.Create(project->id, options.count("name") ? options["name"] : "admin", now);
    if (!created.ok()) return Fail(created.error());
    return Print(Json{{"id", created->info.id},
                      {"key", created->key},
                      {"prefix", created->info.prefix},
                      {"name", created->info.name}});
  }
  if (command == "delete-project") {
    // The rows, the purge and the queued removal of the images in one transaction, then
    // the images: killed at any moment, this leaves the project wholly there or wholly
    // gone, and the server's StorageSweeper finishes a removal cut short.
    std::unique_ptr<ObjectStorage> storage;
    if (config.storage == "s3") {
      auto opened = OpenObjectStorage(config);
      if (!opened.ok()) return Fail(opened.error());
      storage = std::move(opened.value());
    } else {
      // Not OpenObjectStorage: that empties {data}/tmp, which a running server is using.
      storage = std::make_unique<LocalStorage>(config.ObjectsDir(), config.TempDir());
    }
    // The running server's purge sender delivers the purge (it polls the outbox).
    auto namespaces = DeleteProjectRows(projects, project->id, config.purge.repeat_seconds);
    if (!namespaces.ok()) return Fail(namespaces.error());
    StorageRemovalQueue removals(*db.value());
    StorageSweeper sweeper(removals, *storage);
    if (auto status = sweeper.RemoveNow(namespaces.value()); !status.ok())
      std::fprintf(stderr,
                   "immagin-admin: the project is deleted; its images are not removed yet "
                   "(the server retries): %s\n",
                   status.error().message.c_str());
    return Print(Json{{"deleted", tenant}});
  }
  if (command == "rotate-secret") {
    int64_t grace = config.secret_grace_seconds;
    if (options.count("grace-seconds")) {
      auto parsed = ParseNumber(options["grace-seconds"], "grace-seconds");
      if (!parsed.ok()) return Fail(parsed.error());
      grace = parsed.value();
    }
    auto secret = projects.RotateSecret(project->id, now, grace);
    if (!secret.ok()) return Fail(secret.error());
    return Print(Json{{"tenant", tenant}, {"secretId", secret->id}});
  }
  if (command == "set-account-state") {
    if (auto status = accounts.SetState(project->account_id, options["state"]); !status.ok())
      return Fail(status.error());
    return Print(Json{{"account", project->account_id}, {"state", options["state"]}});
  }
  if (command == "set-plan") {
    if (auto status = accounts.SetPlan(project->account_id, options["plan"]); !status.ok())
      return Fail(status.error());
    return Print(Json{{"account", project->account_id}, {"plan", options["plan"]}});
  }
  if (command == "suspend-project" || command == "resume-project") {
    bool suspended = command == "suspend-project";
    // A suspended project's cached transforms must stop being served (the edge answers 403
    // on a miss); resuming needs no purge, since errors are not cached.
    ProjectStore::SameTransaction purge = nullptr;
    if (suspended)
      purge = [&](Connection& raw) {
        return EnqueueTenantPurge(raw, tenant, NowMillis(), config.purge.repeat_seconds);
      };
    if (auto status = projects.SetSuspended(project->id, suspended, purge); !status.ok())
      return Fail(status.error());
    return Print(Json{{"tenant", tenant}, {"suspended", suspended}});
  }
  std::fputs(kUsage, stderr);
  return 2;
}

}  // namespace
}  // namespace immagin::cp

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(immagin::cp::kUsage, stderr);
    return 2;
  }
  std::string command = argv[1];
  std::map<std::string, std::string> options;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || i + 1 >= argc) {
      std::fprintf(stderr, "immagin-admin: expected --option VALUE, got '%s'\n%s", arg.c_str(),
                   immagin::cp::kUsage);
      return 2;
    }
    options[arg.substr(2)] = argv[++i];
  }
  return immagin::cp::Run(command, options);
}
