// Password guessing against the login: the failure counts must not reset when the process
// restarts (or differ between replicas): they live in the database.
#include "control_plane_fixture.h"

namespace immagin::cp::testing {
namespace {

class LoginBruteForce : public ControlPlaneTest {
 protected:
  LoginBruteForce() {
    config_.accounts.pwhash_opslimit = 1;
    config_.accounts.pwhash_memlimit_bytes = 8192;
    config_.accounts.login_failures_per_email = 3;
    config_.accounts.login_failures_per_ip = 100;
  }
  HttpResult LogIn(const std::string& password) const {
    return Send("POST", Url("/v1/account/login"),
                DumpJson(Json{{"email", "target@example.com"}, {"password", password}}),
                {"Content-Type: application/json"});
  }
};

TEST_F(LoginBruteForce, FailedLoginCountsSurviveARestart) {
  auto signup = Send("POST", Url("/v1/account/signup"),
                     R"({"email":"target@example.com","password":"the right password"})",
                     {"Content-Type: application/json"});
  ASSERT_EQ(signup.status / 100, 2) << signup.body;
  for (int i = 0; i < config_.accounts.login_failures_per_email; ++i)
    EXPECT_EQ(LogIn("guess number " + std::to_string(i)).status, 401);
  EXPECT_EQ(LogIn("one guess too many").status, 429);
  // A restart (a deploy, a crash, another replica) must not hand out a fresh budget.
  StopServer();
  StartServer();
  auto after = LogIn("the right password");
  EXPECT_EQ(after.status, 429) << after.body;
  EXPECT_TRUE(after.headers.count("retry-after"));
}

}  // namespace
}  // namespace immagin::cp::testing
