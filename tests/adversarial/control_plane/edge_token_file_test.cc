// The edge token kept out of argv (ps shows every process's arguments to every local
// user): --edge-token-file / IMMAGIN_EDGE_TOKEN_FILE.
#include <fstream>

#include "attack_tools.h"
#include "control_plane_fixture.h"

namespace immagin::cp::testing {
namespace {

class EdgeTokenFile : public ::testing::Test {
 protected:
  EdgeTokenFile() : dir_(MakeTempDir()) {}
  ~EdgeTokenFile() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string Write(const std::string& name, const std::string& text) {
    auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  std::filesystem::path dir_;
};

TEST_F(EdgeTokenFile, TheServerStartedWithTheFileAcceptsTheTokenAndArgvDoesNotShowIt) {
  const std::string token = "token-from-a-file-0123456789";
  std::string file = Write("edge-token", token + "\n");
  ChildControlPlane server({"--listen", "127.0.0.1:0", "--data-dir", (dir_ / "data").string(),
                            "--edge-token-file", file},
                           (dir_ / "server.log").string());
  int port = PortOf(server.Line());
  ASSERT_GT(port, 0) << server.Stderr();
  std::string base = "http://127.0.0.1:" + std::to_string(port);
  auto accepted =
      Send("GET", base + "/internal/v1/tenants/nobody", "", {"Authorization: Bearer " + token});
  EXPECT_EQ(accepted.status, 404) << "authenticated, then no such tenant: " << accepted.body;
  auto wrong = Send("GET", base + "/internal/v1/tenants/nobody", "",
                    {"Authorization: Bearer token-from-a-file-0123456780"});
  EXPECT_EQ(wrong.status, 401);
  std::ifstream cmdline("/proc/" + std::to_string(server.pid()) + "/cmdline");
  std::string args((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
  EXPECT_EQ(args.find(token), std::string::npos);
}

TEST_F(EdgeTokenFile, TheEnvironmentVariableNamesTheFileToo) {
  const std::string token = "token-from-the-environment-42";
  std::string file = Write("edge-token", token);
  ChildControlPlane server({"--listen", "127.0.0.1:0", "--data-dir", (dir_ / "data").string()},
                           (dir_ / "server.log").string(), {"IMMAGIN_EDGE_TOKEN_FILE=" + file});
  int port = PortOf(server.Line());
  ASSERT_GT(port, 0) << server.Stderr();
  auto accepted = Send("GET", "http://127.0.0.1:" + std::to_string(port) + "/internal/v1/tenants/x",
                       "", {"Authorization: Bearer " + token});
  EXPECT_EQ(accepted.status, 404) << accepted.body;
}

TEST_F(EdgeTokenFile, AMissingUnreadableOrShortFileIsExit2NamingTheSetting) {
  std::string short_file = Write("short", "short\n");
  for (const std::string& file : {(dir_ / "missing").string(), short_file, dir_.string()}) {
    ChildControlPlane server({"--listen", "127.0.0.1:0", "--data-dir", (dir_ / "data").string(),
                              "--edge-token-file", file},
                             (dir_ / "server.log").string());
    EXPECT_EQ(server.Wait(), 2) << file;
    // Names the setting and the file (not merely "unknown option").
    EXPECT_NE(server.Stderr().find("edge-token-file: '" + file + "'"), std::string::npos)
        << file << ": " << server.Stderr();
  }
}

TEST_F(EdgeTokenFile, TheTokenAndTheFileTogetherAreRefused) {
  std::string file = Write("edge-token", "token-from-a-file-0123456789");
  auto config = LoadConfig({"--edge-token", "token-in-argv-0123456789", "--edge-token-file", file},
                           [](const std::string&) { return std::nullopt; });
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().field, "edge-token-file");
  auto from_file = LoadConfig({"--edge-token-file", Write("crlf", "token-with-crlf-0123456\r\n")},
                              [](const std::string&) { return std::nullopt; });
  ASSERT_TRUE(from_file.ok()) << from_file.error().message;
  EXPECT_EQ(from_file->edge_token, "token-with-crlf-0123456");
}

}  // namespace
}  // namespace immagin::cp::testing
