// Projects, accounts and the free plan, through the store immagin-admin uses.
#include <sqlite3.h>

#include <fstream>

#include "calendar.h"
#include "control_plane_fixture.h"
#include "storage/local_storage.h"
#include "store/dialect.h"
#include "store/migrations.h"

namespace immagin::cp::testing {
namespace {

class Projects : public ControlPlaneTest {};

TEST_F(Projects, TenantIdsAreSubdomainSafeAndUnique) {
  auto account = accounts_->Create("paid", NowSeconds());
  ASSERT_TRUE(account.ok());
  for (const char* bad : {"Acme", "a", "-acme", "acme-", "ac_me", "acme.io"}) {
    auto project = projects_->Create(account->id, bad, "x", NowSeconds());
    ASSERT_FALSE(project.ok()) << bad;
    EXPECT_EQ(HttpStatus(project.error().code), 400);
    EXPECT_EQ(project.error().field, "tenant");
  }
  ASSERT_TRUE(projects_->Create(account->id, "acme", "Acme", NowSeconds()).ok());
  auto taken = projects_->Create(account->id, "acme", "Again", NowSeconds());
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(HttpStatus(taken.error().code), 409);
  EXPECT_EQ(taken.error().field, "tenant");
}

TEST_F(Projects, AFreeAccountHasOneProject) {
  auto free = accounts_->Create("free", NowSeconds());
  ASSERT_TRUE(free.ok());
  ASSERT_TRUE(projects_->Create(free->id, "first", "First", NowSeconds()).ok());
  auto second = projects_->Create(free->id, "second", "Second", NowSeconds());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(HttpStatus(second.error().code), 409);
  EXPECT_EQ(second.error().field, "account");
  ASSERT_TRUE(accounts_->SetPlan(free->id, "paid").ok());
  EXPECT_TRUE(projects_->Create(free->id, "second", "Second", NowSeconds()).ok());
}

TEST_F(Projects, EachProjectGetsItsOwnRandomSigningSecret) {
  auto a = CreateProject("alpha");
  auto b = CreateProject("bravo");
  auto sa = projects_->ActiveSecrets(a.project.id, NowSeconds());
  auto sb = projects_->ActiveSecrets(b.project.id, NowSeconds());
  ASSERT_TRUE(sa.ok() && sb.ok());
  EXPECT_EQ(sa->front().key.size(), kSigningKeyBytes);
  EXPECT_NE(sa->front().key, sb->front().key);
}

TEST_F(Projects, DeletingAProjectRemovesItsKeysImagesAndUsage) {
  auto alice = CreateProject("alice");
  auto bob = CreateProject("bobby");
  ASSERT_EQ(Upload(alice, "a.jpg", "bytes").status, 201);
  ASSERT_EQ(Upload(bob, "b.jpg", "bytes").status, 201);
  ASSERT_EQ(
      EdgePost(
          "/internal/v1/usage",
          R"({"events":[{"tenant":"alice","transformId":"0123456789abcdef0123456789abcdef","bytes":1,"ms":1,"time":1790000000}]})")
          .status,
      200);
  // What `immagin-admin delete-project` does.
  ASSERT_TRUE(projects_->Delete(alice.project.id).ok());
  LocalStorage storage(config_.ObjectsDir(), config_.TempDir());
  ASSERT_TRUE(storage.DeleteProject(alice.project.storage_namespace).ok());

  EXPECT_EQ(Get("/v1/images", alice).status, 401) << "its keys are gone";
  EXPECT_FALSE(std::filesystem::exists(dir_ / "objects" / alice.project.storage_namespace));
  EXPECT_EQ(EdgeGet("/internal/v1/tenants/alice").status, 404);
  int64_t rows = -1;
  ASSERT_TRUE(admin_db_
                  ->Run([&](Connection& db) -> Status {
                    Statement count(db,
                                    "SELECT (SELECT COUNT(*) FROM usage_transforms) + (SELECT "
                                    "COUNT(*) FROM signing_secrets WHERE project_id = ?)");
                    count.Bind(1, alice.project.id);
                    if (count.Step()) rows = count.Int(0);
                    return {};
                  })
                  .ok());
  EXPECT_EQ(rows, 0);
  EXPECT_EQ(Get("/v1/images", bob).json()["images"].size(), 1u) << "bob is untouched";
}

TEST_F(Projects, MigrationsAreVersionedAndReapplyingIsANoOp) {
  int version = -1;
  ASSERT_TRUE(admin_db_
                  ->Run([&](Connection& db) -> Status {
                    auto read = SchemaVersion(db);
                    if (read.ok()) version = *read;
                    return {};
                  })
                  .ok());
  EXPECT_EQ(version, LatestSchemaVersion());
  EXPECT_TRUE(ApplyMigrations(*admin_db_).ok());
  if (OnPostgres()) return;  // the rest is SQLite's journal
  std::string mode;
  ASSERT_TRUE(admin_db_
                  ->Run([&](Connection& db) -> Status {
                    Statement m(db, "PRAGMA journal_mode");
                    if (m.Step()) mode = m.Text(0);
                    return {};
                  })
                  .ok());
  EXPECT_EQ(mode, "wal");
}

// A data directory from before storage namespaces (schema 2: originals under
// `objects/{project id}/`): its projects keep their folder, new projects get a random
// namespace and an id above every old one.
class LegacyDataDirectory : public ControlPlaneTest {
 protected:
  void SetUp() override {
    if (OnPostgres()) GTEST_SKIP() << "data directories from before storage namespaces are SQLite";
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(config_.DatabasePath().c_str(), &raw), SQLITE_OK);
    for (int version : {1, 2}) ASSERT_EQ(sqlite3_exec(raw, MigrationSql(version), 0, 0, 0), 0);
    ASSERT_EQ(sqlite3_exec(raw,
                           "PRAGMA user_version = 2;"
                           "INSERT INTO accounts (id, plan, created_at) VALUES (3, 'paid', 1);"
                           "INSERT INTO projects (id, account_id, tenant_id, name, created_at) "
                           "VALUES (7, 3, 'old-timer', 'old', 1);"
                           "INSERT INTO signing_secrets (project_id, secret, created_at) "
                           "VALUES (7, zeroblob(32), 1);",
                           0, 0, 0),
              SQLITE_OK)
        << sqlite3_errmsg(raw);
    sqlite3_close(raw);
    std::filesystem::create_directories(dir_ / "objects" / "7" / "photos");
    std::ofstream(dir_ / "objects" / "7" / "photos" / "old.jpg") << "old bytes";
    StartServer();
  }
};

TEST_F(LegacyDataDirectory, ExistingProjectsKeepTheirFolderAndNewOnesGetANamespace) {
  auto tenant = EdgeGet("/internal/v1/tenants/old-timer").json();
  EXPECT_EQ(tenant["storageNamespace"], "7");
  auto original = EdgeGet("/internal/v1/originals/old-timer/photos/old.jpg");
  EXPECT_EQ(original.status, 200);
  EXPECT_EQ(original.body, "old bytes");
  auto key = keys_->Create(7, "k", NowSeconds());
  ASSERT_TRUE(key.ok());
  TestProject old{Project{}, key->key, "Authorization: Bearer " + key->key};
  auto listed = Get("/v1/images", old).json()["images"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["key"], "photos/old.jpg");
  ASSERT_TRUE(projects_->Delete(7).ok());
  auto fresh = CreateProject("newcomer");
  EXPECT_GT(fresh.project.id, 7);
  EXPECT_EQ(fresh.project.storage_namespace.rfind("p_", 0), 0u);
  EXPECT_EQ(fresh.project.storage_namespace.size(), 34u);
}

}  // namespace
}  // namespace immagin::cp::testing
