// The edge's internal API on its own listener: not reachable through the public port, and
// still answering while the public listener's threads are all busy.
#include <atomic>
#include <thread>

#include "attack_tools.h"
#include "control_plane_fixture.h"

namespace immagin::cp::testing {
namespace {

class InternalListenerIsolation : public ControlPlaneTest {
 protected:
  InternalListenerIsolation() {
    config_.internal_listen_host = "127.0.0.1";
    config_.internal_listen_port = 0;
    config_.threads = 1;
    config_.internal_threads = 1;
  }
  std::string InternalUrl(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server_->internal_port()) + path;
  }
  std::string Bearer() const { return std::string("Authorization: Bearer ") + kEdgeToken; }
};

TEST_F(InternalListenerIsolation, InternalRoutesAnswerOnlyOnTheInternalListener) {
  CreateProject("alice");
  ASSERT_NE(server_->internal_port(), 0);
  ASSERT_NE(server_->internal_port(), server_->port());
  auto on_public = Send("GET", Url("/internal/v1/tenants/alice"), "", {Bearer()});
  EXPECT_EQ(on_public.status, 404) << on_public.body;
  auto usage_on_public = Send("POST", Url("/internal/v1/usage"), R"({"events":[]})",
                              {Bearer(), "Content-Type: application/json"});
  EXPECT_EQ(usage_on_public.status, 404);
  auto on_internal = Send("GET", InternalUrl("/internal/v1/tenants/alice"), "", {Bearer()});
  EXPECT_EQ(on_internal.status, 200) << on_internal.body;
  EXPECT_EQ(on_internal.json()["tenant"], "alice");
  // The token is still required there.
  auto no_token = Send("GET", InternalUrl("/internal/v1/tenants/alice"));
  EXPECT_EQ(no_token.status, 401);
  // Both answer health checks; the public API is not on the internal listener.
  EXPECT_EQ(Send("GET", Url("/healthz")).status, 200);
  EXPECT_EQ(Send("GET", InternalUrl("/healthz")).status, 200);
  EXPECT_EQ(Send("GET", InternalUrl("/v1/project")).status, 404);
  EXPECT_EQ(Send("POST", InternalUrl("/v1/account/signup"), "{}").status, 404);
}

TEST_F(InternalListenerIsolation, TheInternalListenerAnswersWhileThePublicOneIsSaturated) {
  StopServer();
  // Each sign-up holds the single public thread for an expensive Argon2id hash.
  config_.accounts.pwhash_opslimit = 4;
  config_.accounts.pwhash_memlimit_bytes = size_t{256} << 20;
  config_.accounts.signups_per_ip = 1'000'000;
  config_.accounts.signups_per_email = 1'000'000;
  StartServer();
  CreateProject("alice");
  std::atomic<bool> stop{false};
  std::atomic<int> flooded{0};
  std::vector<std::thread> flood;
  for (int t = 0; t < 4; ++t)
    flood.emplace_back([&, t] {
      for (int i = 0; !stop; ++i) {
        Send("POST", Url("/v1/account/signup"),
             DumpJson(Json{
                 {"email", "flood" + std::to_string(t) + "-" + std::to_string(i) + "@example.com"},
                 {"password", "a long enough password"}}),
             {"Content-Type: application/json"});
        ++flooded;
      }
    });
  std::this_thread::sleep_for(300ms);
  double public_seconds = Send("GET", Url("/healthz")).seconds;
  double internal_worst = 0;
  for (int i = 0; i < 10; ++i) {
    auto config = Send("GET", InternalUrl("/internal/v1/tenants/alice"), "", {Bearer()});
    EXPECT_EQ(config.status, 200);
    internal_worst = std::max(internal_worst, config.seconds);
  }
  stop = true;
  for (auto& thread : flood) thread.join();
  std::printf("public /healthz %.3f s under the flood; internal worst %.3f s (%d sign-ups)\n",
              public_seconds, internal_worst, flooded.load());
  EXPECT_GT(public_seconds, 1.0) << "the flood did not saturate the public listener";
  EXPECT_LT(internal_worst, 1.0);
  EXPECT_LT(internal_worst * 3, public_seconds);
}

TEST(InternalListenerProcess, TheBinaryPrintsTheInternalPortForScripts) {
  auto dir = MakeTempDir();
  ChildControlPlane server({"--listen", "127.0.0.1:0", "--internal-listen", "127.0.0.1:0",
                            "--data-dir", dir.string(), "--edge-token", kEdgeToken},
                           (dir / "server.log").string());
  std::string main_line = server.Line();
  std::string internal_line = server.Line();
  EXPECT_EQ(main_line.rfind("listening on 127.0.0.1:", 0), 0u) << main_line;
  ASSERT_EQ(internal_line.rfind("internal listening on 127.0.0.1:", 0), 0u) << internal_line;
  int port = PortOf(internal_line);
  ASSERT_GT(port, 0);
  auto health = Send("GET", "http://127.0.0.1:" + std::to_string(port) + "/healthz");
  EXPECT_EQ(health.status, 200);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace
}  // namespace immagin::cp::testing
