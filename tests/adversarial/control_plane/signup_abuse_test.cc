// Attacks on sign-up and email verification: hashing floods, account enumeration, squatting
// someone else's address, mail floods. Limits live in the database, so they hold across a
// restart and across processes.
#include <sodium.h>

#include <thread>

#include "attack_tools.h"
#include "calendar.h"
#include "control_plane_fixture.h"

namespace immagin::cp::testing {
namespace {

class SignUpAbuse : public ControlPlaneTest {
 protected:
  SignUpAbuse() {
    config_.accounts.pwhash_opslimit = 1;
    config_.accounts.pwhash_memlimit_bytes = 8192;
    config_.accounts.signups_per_ip = 3;
    config_.accounts.signups_per_email = 2;
    config_.accounts.verification_resends_per_email = 2;
    config_.accounts.verification_resends_per_ip = 3;
  }

  // A JSON POST from a given loopback address (each 127.0.0.x is a different client IP).
  RawResponse PostFrom(const char* ip, const std::string& path, const std::string& body,
                       const std::string& headers = "") {
    RawConnection connection(server_->port(), ip);
    EXPECT_TRUE(connection.connected()) << ip;
    EXPECT_TRUE(connection.Send("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + headers +
                                "Content-Type: application/json\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\n\r\n" + body));
    auto response = connection.Read(10s);
    EXPECT_TRUE(response) << path;
    return response.value_or(RawResponse{});
  }
  RawResponse SignUp(const char* ip, const std::string& email,
                     const std::string& password = "a long enough password") {
    return PostFrom(ip, "/v1/account/signup",
                    DumpJson(Json{{"email", email}, {"password", password}}));
  }
  RawResponse LogIn(const std::string& email, const std::string& password) {
    return PostFrom("127.0.0.1", "/v1/account/login",
                    DumpJson(Json{{"email", email}, {"password", password}}));
  }
  int64_t Count(const std::string& sql) {
    int64_t count = -1;
    EXPECT_TRUE(admin_db_
                    ->Run([&](Connection& db) -> Status {
                      Statement row(db, sql);
                      if (row.Step()) count = row.Int(0);
                      return {};
                    })
                    .ok());
    return count;
  }
  std::string PasswordHash(const std::string& email) {
    std::string hash;
    EXPECT_TRUE(admin_db_
                    ->Run([&](Connection& db) -> Status {
                      Statement row(db, "SELECT password_hash FROM accounts WHERE email = ?");
                      row.Bind(1, email);
                      if (row.Step()) hash = row.Text(0);
                      return {};
                    })
                    .ok());
    return hash;
  }
  int64_t AccountId(const std::string& email) {
    return Count("SELECT COALESCE(MAX(id), 0) FROM accounts WHERE email = '" + email + "'");
  }
  // Opening the emailed link (a token of our own in the table it is checked against).
  int OpenLink(int64_t account_id) {
    const std::string token = InsertVerificationToken(account_id);
    return PostFrom("127.0.0.1", "/v1/account/verify", DumpJson(Json{{"token", token}})).status;
  }
  void MarkVerified(const std::string& email) {
    ASSERT_TRUE(admin_db_
                    ->Run([&](Connection& db) -> Status {
                      Statement update(db,
                                       "UPDATE accounts SET email_verified_at = 1 WHERE email = ?");
                      update.Bind(1, email);
                      update.Step();
                      return {};
                    })
                    .ok());
  }
};

TEST_F(SignUpAbuse, SignUpsFromOneIpAreLimitedAndTheLimitSurvivesARestart) {
  for (int i = 0; i < config_.accounts.signups_per_ip; ++i)
    EXPECT_EQ(SignUp("127.0.0.2", "user" + std::to_string(i) + "@example.com").status, 202);
  auto limited = SignUp("127.0.0.2", "another@example.com");
  EXPECT_EQ(limited.status, 429) << limited.body;
  ASSERT_TRUE(limited.headers.count("retry-after"));
  int retry = std::atoi(limited.headers["retry-after"].c_str());
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, config_.accounts.signup_window_seconds);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts WHERE email = 'another@example.com'"), 0);
  // Another client is not affected.
  EXPECT_EQ(SignUp("127.0.0.3", "another@example.com").status, 202);
  // Stored in the database, not in the process: a restart (or another replica) still counts.
  StopServer();
  StartServer();
  EXPECT_EQ(SignUp("127.0.0.2", "later@example.com").status, 429);
}

TEST_F(SignUpAbuse, SignUpsForOneAddressAreLimitedWhateverTheIp) {
  const char* ips[] = {"127.0.0.4", "127.0.0.5", "127.0.0.6"};
  EXPECT_EQ(SignUp(ips[0], "victim@example.com").status, 202);
  EXPECT_EQ(SignUp(ips[1], "victim@example.com").status, 202);
  auto limited = SignUp(ips[2], "victim@example.com");
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_TRUE(limited.headers.count("retry-after"));
  // Each sign-up for a taken address mails its owner: the limit bounds that mail too.
  EXPECT_LE(Count("SELECT COUNT(*) FROM email_outbox WHERE recipient = 'victim@example.com'"),
            config_.accounts.signups_per_email);
}

TEST_F(SignUpAbuse, TheLimitIsCheckedBeforeTheExpensivePasswordHash) {
  StopServer();
  // Expensive enough that a hashed sign-up is plainly slower than a refused one.
  config_.accounts.pwhash_opslimit = 3;
  config_.accounts.pwhash_memlimit_bytes = size_t{128} << 20;
  config_.accounts.signups_per_ip = 1;
  StartServer();
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(SignUp("127.0.0.7", "first@example.com").status, 202);
  auto hashed = std::chrono::steady_clock::now() - started;
  started = std::chrono::steady_clock::now();
  EXPECT_EQ(SignUp("127.0.0.7", "second@example.com").status, 429);
  auto refused = std::chrono::steady_clock::now() - started;
  EXPECT_LT(refused * 4, hashed) << "the refusal took "
                                 << std::chrono::duration<double>(refused).count() << " s, a hash "
                                 << std::chrono::duration<double>(hashed).count() << " s";
}

TEST_F(SignUpAbuse, ARegisteredAddressGetsExactlyTheAnswerOfANewOne) {
  auto fresh = SignUp("127.0.0.8", "new@example.com");
  EXPECT_EQ(SignUp("127.0.0.8", "owner@example.com").status, 202);
  MarkVerified("owner@example.com");
  auto taken = SignUp("127.0.0.9", "OWNER@example.com", "the attacker's password");
  EXPECT_EQ(taken.status, fresh.status);
  EXPECT_EQ(taken.body, fresh.body);
  EXPECT_EQ(taken.headers.count("set-cookie"), fresh.headers.count("set-cookie"));
  EXPECT_EQ(taken.headers["content-type"], fresh.headers["content-type"]);
  // Nothing changed for the owner; they are told by mail, the attacker learns nothing.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts WHERE email = 'owner@example.com'"), 1);
  EXPECT_EQ(LogIn("owner@example.com", "the attacker's password").status, 401);
  EXPECT_EQ(LogIn("owner@example.com", "a long enough password").status, 200);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_outbox WHERE recipient = 'owner@example.com' AND "
                  "subject LIKE 'Someone tried%'"),
            1);
}

TEST_F(SignUpAbuse, AnUnverifiedAccountStopsHoldingItsAddressWhenItsLinkExpires) {
  StopServer();
  config_.accounts.verification_ttl_seconds = 2;
  config_.accounts.signups_per_email = 10;
  StartServer();
  // The attacker squats the victim's address with a password of their own.
  EXPECT_EQ(SignUp("127.0.0.10", "squatted@example.com", "the attacker's password").status, 202);
  std::string squatter = PasswordHash("squatted@example.com");
  // While the link lives, the owner's sign-up changes nothing (the owner is mailed).
  EXPECT_EQ(SignUp("127.0.0.11", "squatted@example.com", "the owner's password").status, 202);
  EXPECT_EQ(PasswordHash("squatted@example.com"), squatter);
  std::this_thread::sleep_for(3100ms);
  // Past the link's lifetime the stale account no longer holds the address: the owner's
  // sign-up replaces it, and the owner's link logs in with the owner's password.
  EXPECT_EQ(SignUp("127.0.0.11", "squatted@example.com", "the owner's password").status, 202);
  EXPECT_NE(PasswordHash("squatted@example.com"), squatter);
  EXPECT_EQ(OpenLink(AccountId("squatted@example.com")), 200);
  EXPECT_EQ(LogIn("squatted@example.com", "the attacker's password").status, 401);
  EXPECT_EQ(LogIn("squatted@example.com", "the owner's password").status, 200);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts WHERE email = 'squatted@example.com'"), 1);
}

TEST_F(SignUpAbuse, TheRightPasswordOfAnUnverifiedAccountOpensNothing) {
  // Sign up with a password, then log in with it: that must not tell a free address from
  // a taken one, so an unverified account never logs in (its link does that).
  EXPECT_EQ(SignUp("127.0.0.19", "probe@example.com", "the prober's password").status, 202);
  EXPECT_EQ(SignUp("127.0.0.19", "known@example.com").status, 202);
  MarkVerified("known@example.com");
  EXPECT_EQ(SignUp("127.0.0.19", "known@example.com", "the prober's password").status, 202);
  auto fresh = LogIn("probe@example.com", "the prober's password");
  auto taken = LogIn("known@example.com", "the prober's password");
  EXPECT_EQ(fresh.status, 401);
  EXPECT_EQ(fresh.status, taken.status);
  EXPECT_EQ(fresh.body, taken.body);
}

TEST_F(SignUpAbuse, ResendingTheVerificationEmailIsLimitedPerAddressAndPerIp) {
  EXPECT_EQ(SignUp("127.0.0.12", "flood@example.com").status, 202);
  auto resend = [&](const char* ip, const std::string& email) {
    return PostFrom(ip, "/v1/account/resend-verification", DumpJson(Json{{"email", email}}));
  };
  int limit = config_.accounts.verification_resends_per_email;
  for (int i = 0; i < limit; ++i) EXPECT_EQ(resend("127.0.0.13", "flood@example.com").status, 202);
  auto limited = resend("127.0.0.14", "flood@example.com");
  EXPECT_EQ(limited.status, 429) << "per address, whatever the IP";
  EXPECT_TRUE(limited.headers.count("retry-after"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_outbox WHERE recipient = 'flood@example.com'"),
            1 + limit);
  // An unknown or verified address answers alike and is sent nothing.
  EXPECT_EQ(SignUp("127.0.0.12", "done@example.com").status, 202);
  MarkVerified("done@example.com");
  auto unknown = resend("127.0.0.15", "nobody@example.com");
  auto verified = resend("127.0.0.15", "done@example.com");
  auto pending = resend("127.0.0.15", "flood@example.com");
  EXPECT_EQ(unknown.status, 202);
  EXPECT_EQ(unknown.body, verified.body);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_outbox WHERE recipient = 'nobody@example.com'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_outbox WHERE recipient = 'done@example.com'"), 1);
  (void)pending;
  // Per IP: one client asking for many addresses.
  int per_ip = config_.accounts.verification_resends_per_ip;
  for (int i = 0; i < per_ip; ++i)
    EXPECT_EQ(resend("127.0.0.16", "ip" + std::to_string(i) + "@example.com").status, 202);
  EXPECT_EQ(resend("127.0.0.16", "one-more@example.com").status, 429);
}

}  // namespace
}  // namespace immagin::cp::testing
