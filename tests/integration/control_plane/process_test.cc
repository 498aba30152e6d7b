// The real binaries: immagin-admin bootstraps a project, immagin-control-plane serves it,
// stops cleanly on SIGTERM, and survives kill -9 without partial objects or lost or
// double-counted usage.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "calendar.h"
#include "control_plane_fixture.h"
#include "server_process.h"

namespace immagin::cp::testing {
namespace {

class Process : public ::testing::Test {
 protected:
  Process() : dir_(MakeTempDir()) {}
  ~Process() override { std::filesystem::remove_all(dir_); }
  std::string Bootstrap() {
    RunAdmin("create-project --tenant demo --data-dir " + dir_.string());
    auto key = ParseJson(RunAdmin("create-key --tenant demo --name ci --data-dir " + dir_.string()),
                         "key");
    EXPECT_TRUE(key.ok());
    return "Authorization: Bearer " + key.value()["key"].get<std::string>();
  }
  std::filesystem::path dir_;
};

TEST_F(Process, AdminBootstrapsAProjectAndTheServerStopsCleanlyOnSigterm) {
  std::string auth = Bootstrap();
  auto listed = ParseJson(RunAdmin("list-projects --data-dir " + dir_.string()), "list");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0]["tenant"], "demo");

  ServerProcess server(dir_.string());
  ASSERT_GT(server.port(), 0);
  auto project = Send("GET", server.Url("/v1/project"), "", {auth});
  EXPECT_EQ(project.status, 200);
  EXPECT_EQ(project.json()["tenantId"], "demo");
  int status = server.Kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST_F(Process, KilledDuringAnUploadLeavesNoPartialObject) {
  std::string auth = Bootstrap();
  std::string upload_url;
  {
    ServerProcess server(dir_.string());
    auto presigned = Send("POST", server.Url("/v1/images/presign"), R"({"key":"big.jpg"})", {auth});
    ASSERT_EQ(presigned.status, 200);
    upload_url = presigned.json()["uploadUrl"].get<std::string>();
    // Send the headers and half of the body, then kill the server mid-upload.
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(server.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    std::string target = upload_url.substr(upload_url.find("/uploads/"));
    std::string head = "PUT " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n";
    std::string half(1'000'000, 'x');
    ASSERT_EQ(::send(fd, head.data(), head.size(), 0), static_cast<ssize_t>(head.size()));
    ASSERT_GT(::send(fd, half.data(), half.size(), 0), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    server.Kill(SIGKILL);
    ::close(fd);
  }
  ServerProcess restarted(dir_.string());
  auto list = Send("GET", restarted.Url("/v1/images"), "", {auth});
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(list.json()["images"].empty()) << list.body;
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "tmp"));
  // The same URL still works for a complete upload after the restart.
  auto put = Send("PUT", restarted.Url(upload_url.substr(upload_url.find("/uploads/"))),
                  std::string(2'000'000, 'y'));
  EXPECT_EQ(put.status, 201) << put.body;
  EXPECT_EQ(Send("GET", restarted.Url("/v1/images"), "", {auth}).json()["images"][0]["size"],
            2'000'000);
}

TEST_F(Process, KilledDuringUsageIngestionLosesAndDoublesNothing) {
  Bootstrap();
  const std::string auth_edge = std::string("Authorization: Bearer ") + kProcessEdgeToken;
  int64_t now = NowSeconds();
  constexpr int kBatches = 40;
  constexpr int kPerBatch = 500;
  auto batch = [&](int b) {
    Json events = Json::array();
    for (int i = 0; i < kPerBatch; ++i) {
      char id[33];
      // Batches overlap by half: the same transform id arrives in two batches.
      std::snprintf(id, sizeof id, "%032x", b * kPerBatch / 2 + i);
      events.push_back(
          Json{{"tenant", "demo"}, {"transformId", id}, {"bytes", 1}, {"ms", 1}, {"time", now}});
    }
    return DumpJson(Json{{"batchId", "batch-" + std::to_string(b)}, {"events", events}});
  };
  int acknowledged = 0;
  {
    ServerProcess server(dir_.string());
    std::thread killer([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      server.Kill(SIGKILL);
    });
    for (int b = 0; b < kBatches; ++b) {
      auto r = Send("POST", server.Url("/internal/v1/usage"), batch(b), {auth_edge});
      if (r.status != 200) break;
      ++acknowledged;
    }
    killer.join();
  }
  // The edge retries everything it did not see acknowledged (and, to be sure, all of it).
  ServerProcess restarted(dir_.string());
  for (int b = 0; b < kBatches; ++b) {
    auto r = Send("POST", restarted.Url("/internal/v1/usage"), batch(b), {auth_edge});
    ASSERT_EQ(r.status, 200) << r.body;
    if (b < acknowledged) EXPECT_EQ(r.json()["duplicateBatch"], true) << "batch " << b;
  }
  std::string key = RunAdmin("create-key --tenant demo --name check --data-dir " + dir_.string());
  auto parsed = ParseJson(key, "key");
  ASSERT_TRUE(parsed.ok());
  auto usage = Send("GET", restarted.Url("/v1/usage"), "",
                    {"Authorization: Bearer " + parsed.value()["key"].get<std::string>()});
  // Unique ids: 0 … (kBatches-1)*kPerBatch/2 + kPerBatch - 1.
  EXPECT_EQ(usage.json()["uniqueTransforms"], (kBatches - 1) * kPerBatch / 2 + kPerBatch);
  std::printf("acknowledged before kill -9: %d of %d batches\n", acknowledged, kBatches);
}

TEST_F(Process, AdminDeleteProjectRemovesItsImagesAndKeys) {
  std::string auth = Bootstrap();
  auto projects = ParseJson(RunAdmin("list-projects --data-dir " + dir_.string()), "list");
  ASSERT_TRUE(projects.ok() && projects->size() == 1u);
  const std::string storage_namespace = (*projects)[0]["storageNamespace"].get<std::string>();
  {
    ServerProcess server(dir_.string());
    auto presigned = Send("POST", server.Url("/v1/images/presign"), R"({"key":"a/b.jpg"})", {auth});
    ASSERT_EQ(presigned.status, 200);
    ASSERT_EQ(Send("PUT", presigned.json()["uploadUrl"].get<std::string>(), "bytes").status, 201);
    EXPECT_TRUE(std::filesystem::exists(dir_ / "objects" / storage_namespace / "a" / "b.jpg"));
    // While the server runs: the CLI shares the database file.
    EXPECT_NE(RunAdmin("delete-project --tenant demo --data-dir " + dir_.string()).find("deleted"),
              std::string::npos);
    EXPECT_EQ(Send("GET", server.Url("/v1/images"), "", {auth}).status, 401);
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ / "objects" / storage_namespace));
  auto listed = ParseJson(RunAdmin("list-projects --data-dir " + dir_.string()), "list");
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

TEST_F(Process, InvalidConfigurationFailsAtStartWithAClearMessage) {
  std::string command = std::string(IMMAGIN_CONTROL_PLANE_BIN) + " --edge-token short 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  int status = ::pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_NE(out.find("edge-token: must be at least 16 characters"), std::string::npos) << out;
}

}  // namespace
}  // namespace immagin::cp::testing
