// The database fails under a running control plane, or is not there at start: answers are
// 503 with a JSON body (never a crash or a hang), readiness says which part is down, and
// the same process serves again once the database is back.
#include <chrono>
#include <thread>

#include "control_plane_fixture.h"
#include "http/server.h"

namespace immagin::cp::testing {
namespace {

class DatabaseOutage : public ControlPlaneTest {
 protected:
  void SetUp() override {
    if (!OnPostgres()) GTEST_SKIP() << "SQLite is a file inside the process: no server to lose";
    ControlPlaneTest::SetUp();
  }
};

TEST_F(DatabaseOutage, RequestsAnswer503UntilTheDatabaseIsBack) {
  auto alice = CreateProject("alice");
  ASSERT_EQ(Get("/v1/images", alice).status, 200);

  database_.SetAccepting(false);
  auto ready = Send("GET", Url("/readyz"), "", {});
  EXPECT_EQ(ready.status, 503) << ready.body;
  EXPECT_EQ(ready.json()["database"], false);
  EXPECT_EQ(ready.json()["storage"], true);
  for (int i = 0; i < 3; ++i) {  // the cut connection, then new ones refused
    auto listed = Get("/v1/images", alice);
    EXPECT_EQ(listed.status, 503) << listed.body;
    EXPECT_EQ(listed.json()["error"]["code"], "unavailable") << listed.body;
  }
  EXPECT_EQ(Send("GET", Url("/healthz"), "", {}).status, 200) << "alive, only not ready";

  database_.SetAccepting(true);
  int status = 0;
  for (int i = 0; i < 50 && status != 200; ++i) {
    status = Get("/v1/images", alice).status;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(status, 200) << "the pool opens new connections once the database is back";
  EXPECT_EQ(Send("GET", Url("/readyz"), "", {}).status, 200);
}

TEST(DatabaseAtStart, AnUnreachableDatabaseIsAClearErrorNotACrash) {
  Config config;
  config.listen_port = 0;
  config.data_dir = MakeTempDir().string();
  config.database_url =
      "postgresql://immagin@/immagin?host=/nonexistent-socket-dir&connect_timeout=2";
  auto server = Server::Create(config);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(HttpStatus(server.error().code), 503);
  EXPECT_EQ(server.error().field, "database-url");
  EXPECT_NE(server.error().message.find("cannot connect to PostgreSQL"), std::string::npos)
      << server.error().message;
  std::filesystem::remove_all(config.data_dir);
}

TEST(DatabaseAtStart, AnUnknownSchemeNamesTheSetting) {
  Config config;
  config.database_url = "mysql://root@localhost/immagin";
  auto valid = ValidateConfig(config);
  ASSERT_FALSE(valid.ok());
  EXPECT_EQ(valid.error().field, "database-url");
  config.database_url = "postgres://user:hunter2@db.example.com/immagin";
  EXPECT_TRUE(ValidateConfig(config).ok());
  config.database_url = "sqlite:///var/lib/immagin/cp.sqlite3";
  EXPECT_TRUE(ValidateConfig(config).ok());
}

}  // namespace
}  // namespace immagin::cp::testing
