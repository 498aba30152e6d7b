// Password reset against a real server, with the link read from the mail it really sent
// over SMTP: one answer for every address, single-use links stored hashed, expiry, every
// old session revoked, rate limits kept in the database.
#include <chrono>
#include <thread>

#include "account_mail_fixture.h"

namespace immagin::cp::testing {
namespace {

constexpr const char* kNewPassword = "correct horse battery staple";

class PasswordReset : public AccountMailTest {
 protected:
  HttpResult AskForReset(const std::string& email) const {
    return PostJson("/v1/account/password-reset", Json{{"email", email}});
  }
  HttpResult ConfirmReset(const std::string& token, const std::string& password = kNewPassword) {
    return PostJson("/v1/account/password-reset/confirm",
                    Json{{"token", token}, {"password", password}});
  }
  // Asks for a reset of `email` and gives the token of the `count`th reset mail to it.
  std::string ResetToken(const std::string& email, size_t count = 1) {
    auto asked = AskForReset(email);
    EXPECT_EQ(asked.status, 202) << asked.body;
    std::string token = smtp_.WaitForLinkToken(email, "reset", count);
    EXPECT_FALSE(token.empty()) << "no reset mail to " << email;
    return token;
  }
};

TEST_F(PasswordReset, TheMailedLinkSetsANewPasswordAndLogsIn) {
  SignUpVerified("ada@example.com", kAccountPassword);
  auto asked = AskForReset("Ada@Example.com");
  ASSERT_EQ(asked.status, 202) << asked.body;
  auto mails = smtp_.WaitForMails("ada@example.com", 2);  // the verification mail, the reset
  ASSERT_TRUE(mails);
  const RecordedMail& mail = mails->back();
  EXPECT_EQ(mail.subject, "Reset your Immagin password");
  EXPECT_NE(mail.data.find(Url("/console/#reset=")), std::string::npos) << mail.data;
  EXPECT_NE(mail.data.find("expires in 1 hour"), std::string::npos) << mail.data;
  std::string token = smtp_.WaitForLinkToken("ada@example.com", "reset");
  ASSERT_FALSE(token.empty());

  auto confirmed = ConfirmReset(token);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.json()["account"]["email"], "ada@example.com");
  ConsoleSession session = SessionFrom(confirmed);
  ASSERT_FALSE(session.cookie.empty()) << "the reset logs this browser in";
  EXPECT_EQ(Me(session).status, 200);
  EXPECT_EQ(LogIn("ada@example.com", kAccountPassword).status, 401) << "the old password is gone";
  EXPECT_EQ(LogIn("ada@example.com", kNewPassword).status, 200);
  ASSERT_TRUE(smtp_.WaitForMails("ada@example.com", 3));
  EXPECT_EQ(MailsTo("ada@example.com", "Your Immagin password was changed"), 1u);
}

TEST_F(PasswordReset, TokensAreStoredOnlyAsTheirHash) {
  SignUpVerified("hash@example.com", kAccountPassword);
  std::string token = ResetToken("hash@example.com");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM password_resets WHERE " + HexSql("token_hash") + " = '" +
                  TokenHashHex(token) + "'"),
            1);
  // The queued mail holds the link until it is sent (as verification mails do), then its
  // body is blanked: no table keeps a usable token.
  for (int i = 0; i < 100 && Count("SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NULL"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_outbox WHERE body LIKE '%" + token + "%'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM password_resets WHERE CAST(token_hash AS TEXT) LIKE '%" +
                  token + "%'"),
            0);
}

TEST_F(PasswordReset, KnownAndUnknownAddressesGetTheSameAnswer) {
  SignUpVerified("known@example.com", kAccountPassword);
  auto known = AskForReset("known@example.com");
  auto unknown = AskForReset("nobody@example.com");
  EXPECT_EQ(known.status, 202);
  EXPECT_EQ(unknown.status, known.status);
  EXPECT_EQ(unknown.body, known.body);
  EXPECT_EQ(unknown.headers["content-type"], known.headers["content-type"]);
  EXPECT_EQ(unknown.headers.count("set-cookie"), 0u);
  ASSERT_FALSE(smtp_.WaitForLinkToken("known@example.com", "reset").empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_outbox WHERE recipient = 'nobody@example.com'"), 0)
      << "an unknown address is sent nothing";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM password_resets"), 1);
}

TEST_F(PasswordReset, ALinkWorksOnceAndCancelsTheAccountsOtherLinks) {
  SignUpVerified("once@example.com", kAccountPassword);
  std::string first = ResetToken("once@example.com", 1);
  std::string second = ResetToken("once@example.com", 2);
  ASSERT_NE(first, second);
  ASSERT_EQ(ConfirmReset(second).status, 200);
  auto again = ConfirmReset(second, "yet another long password");
  EXPECT_EQ(again.status, 410) << again.body;
  EXPECT_EQ(again.error_field(), "token");
  EXPECT_EQ(again.error_code(), "used");
  auto older = ConfirmReset(first, "yet another long password");
  EXPECT_EQ(older.status, 400) << "the account's other links died with the reset";
  EXPECT_EQ(older.error_field(), "token");
  EXPECT_EQ(LogIn("once@example.com", kNewPassword).status, 200);
  EXPECT_EQ(LogIn("once@example.com", "yet another long password").status, 401);
}

TEST_F(PasswordReset, TwoConcurrentUsesOfOneLinkCannotBothWin) {
  SignUpVerified("race@example.com", kAccountPassword);
  std::string token = ResetToken("race@example.com");
  HttpResult a;
  HttpResult b;
  std::thread first([&] { a = ConfirmReset(token, "first racing password"); });
  std::thread second([&] { b = ConfirmReset(token, "second racing password"); });
  first.join();
  second.join();
  EXPECT_EQ((a.status == 200) + (b.status == 200), 1) << a.body << " / " << b.body;
  EXPECT_EQ((a.status == 410) + (b.status == 410), 1) << a.body << " / " << b.body;
  std::string winner = a.status == 200 ? "first racing password" : "second racing password";
  std::string loser = a.status == 200 ? "second racing password" : "first racing password";
  EXPECT_EQ(LogIn("race@example.com", winner).status, 200);
  EXPECT_EQ(LogIn("race@example.com", loser).status, 401);
}

TEST_F(PasswordReset, AnExpiredLinkIsRefusedAndChangesNothing) {
  StopServer();
  // Expiry is checked in whole seconds: 2 s leaves at least one to read the mail.
  config_.accounts.password_reset_ttl_seconds = 2;
  StartServer();
  SignUpVerified("late@example.com", kAccountPassword);
  std::string token = ResetToken("late@example.com");
  auto mails = smtp_.WaitForMails("late@example.com", 2);
  ASSERT_TRUE(mails);
  EXPECT_NE(mails->back().data.find("expires in 2 seconds"), std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  auto expired = ConfirmReset(token);
  EXPECT_EQ(expired.status, 410) << expired.body;
  EXPECT_EQ(expired.error_field(), "token");
  EXPECT_EQ(expired.error_code(), "expired");
  EXPECT_NE(expired.body.find("expired"), std::string::npos);
  EXPECT_EQ(LogIn("late@example.com", kNewPassword).status, 401);
  EXPECT_EQ(LogIn("late@example.com", kAccountPassword).status, 200);
}

TEST_F(PasswordReset, CompletingAResetRevokesEveryOldSession) {
  ConsoleSession first = SignUpVerified("stolen@example.com", kAccountPassword);
  ConsoleSession second = SessionFrom(LogIn("stolen@example.com", kAccountPassword));
  ASSERT_EQ(Me(first).status, 200);
  ASSERT_EQ(Me(second).status, 200);
  auto confirmed = ConfirmReset(ResetToken("stolen@example.com"));
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  for (const ConsoleSession* old : {&first, &second}) {
    auto refused = Me(*old);
    EXPECT_EQ(refused.status, 401) << refused.body;
    EXPECT_NE(refused.body.find("logged out"), std::string::npos) << refused.body;
    auto write =
        PostJson("/v1/account/projects", Json{{"tenantId", "thief-co"}}, {old->cookie, old->csrf});
    EXPECT_EQ(write.status, 401) << "an old cookie cannot write either";
  }
  EXPECT_EQ(Me(SessionFrom(confirmed)).status, 200) << "the new session lives";
}

TEST_F(PasswordReset, AResetLinkAlsoVerifiesTheAddress) {
  // An unverified account cannot log in; its reset link proves the mailbox just as well.
  auto signup = PostJson("/v1/account/signup",
                         Json{{"email", "pending@example.com"}, {"password", kAccountPassword}});
  ASSERT_EQ(signup.status, 202);
  auto confirmed = ConfirmReset(ResetToken("pending@example.com"));
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.json()["account"]["emailVerified"], true);
  EXPECT_EQ(LogIn("pending@example.com", kNewPassword).status, 200);
}

TEST_F(PasswordReset, BadRequestsNameTheField) {
  SignUpVerified("fields@example.com", kAccountPassword);
  std::string token = ResetToken("fields@example.com");
  struct Case {
    std::string path;
    Json body;
    long status;
    std::string field;
  } cases[] = {
      {"/v1/account/password-reset", Json{{"email", "not-an-address"}}, 400, "email"},
      {"/v1/account/password-reset", Json::object(), 400, "email"},
      {"/v1/account/password-reset", Json{{"email", "a@example.com"}, {"x", "y"}}, 400, "x"},
      {"/v1/account/password-reset/confirm", Json{{"token", token}, {"password", "short"}}, 400,
       "password"},
      {"/v1/account/password-reset/confirm", Json{{"token", token}}, 400, "password"},
      {"/v1/account/password-reset/confirm", Json{{"password", kNewPassword}}, 400, "token"},
      {"/v1/account/password-reset/confirm", Json{{"token", "bogus"}, {"password", kNewPassword}},
       400, "token"},
      {"/v1/account/password-reset/confirm", Json{{"token", 7}, {"password", kNewPassword}}, 400,
       "token"},
  };
  for (const auto& c : cases) {
    auto result = PostJson(c.path, c.body);
    EXPECT_EQ(result.status, c.status) << DumpJson(c.body) << " → " << result.body;
    EXPECT_EQ(result.error_field(), c.field) << DumpJson(c.body) << " → " << result.body;
  }
  auto cross_site = PostJson("/v1/account/password-reset/confirm",
                             Json{{"token", token}, {"password", kNewPassword}},
                             {"Origin: https://evil.example"});
  EXPECT_EQ(cross_site.status, 403);
  EXPECT_EQ(cross_site.error_field(), "origin");
  EXPECT_EQ(ConfirmReset(token).status, 200) << "none of the refusals consumed the link";
}

TEST_F(PasswordReset, RequestsAreRateLimitedPerAddressAndPerIpInTheDatabase) {
  StopServer();
  config_.accounts.password_resets_per_email = 2;
  config_.accounts.password_resets_per_ip = 4;
  StartServer();
  SignUpVerified("flood@example.com", kAccountPassword);
  for (int i = 0; i < 2; ++i) EXPECT_EQ(AskForReset("flood@example.com").status, 202);
  auto limited = AskForReset("FLOOD@example.com");
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(limited.error_code(), "rate_limited");
  ASSERT_TRUE(limited.headers.count("retry-after"));
  int retry = std::stoi(limited.headers["retry-after"]);
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, config_.accounts.signup_window_seconds);
  // An unknown address is counted alike, so a 429 tells nothing about accounts.
  for (int i = 0; i < 2; ++i) EXPECT_EQ(AskForReset("ghost@example.com").status, 202);
  EXPECT_EQ(AskForReset("ghost@example.com").status, 429);
  // The IP has spent its 4: any other address from it waits too, across a restart.
  EXPECT_EQ(AskForReset("third@example.com").status, 429);
  StopServer();
  StartServer();
  EXPECT_EQ(AskForReset("fourth@example.com").status, 429);
  ASSERT_TRUE(smtp_.WaitForMails("flood@example.com", 3));
  EXPECT_EQ(MailsTo("flood@example.com", "Reset your Immagin password"), 2u);
}

TEST(PasswordResetConfig, TheLinkLifetimeAndLimitsComeFromFlagsOrEnvironmentAndAreValidated) {
  auto env = [](std::map<std::string, std::string> values) -> EnvLookup {
    return [values](const std::string& name) -> std::optional<std::string> {
      auto it = values.find(name);
      if (it == values.end()) return std::nullopt;
      return it->second;
    };
  };
  auto defaults = LoadConfig({}, env({}));
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->accounts.password_reset_ttl_seconds, 3600);
  EXPECT_EQ(defaults->accounts.password_resets_per_ip, 10);
  EXPECT_EQ(defaults->accounts.password_resets_per_email, 3);
  EXPECT_EQ(defaults->accounts.email_changes_per_account, 5);
  auto set = LoadConfig({"--password-reset-ttl=600", "--email-changes-per-account", "2"},
                        env({{"IMMAGIN_PASSWORD_RESETS_PER_EMAIL", "1"},
                             {"IMMAGIN_PASSWORD_RESET_TTL_SECONDS", "900"}}));
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->accounts.password_reset_ttl_seconds, 600) << "the flag wins";
  EXPECT_EQ(set->accounts.password_resets_per_email, 1);
  EXPECT_EQ(set->accounts.email_changes_per_account, 2);
  for (const auto& [name, value, field] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"IMMAGIN_PASSWORD_RESET_TTL_SECONDS", "59", "password-reset-ttl"},
           {"IMMAGIN_PASSWORD_RESET_TTL_SECONDS", "86401", "password-reset-ttl"},
           {"IMMAGIN_PASSWORD_RESET_TTL_SECONDS", "1h", "password-reset-ttl"},
           {"IMMAGIN_PASSWORD_RESETS_PER_IP", "0", "password-resets-per-ip"},
           {"IMMAGIN_PASSWORD_RESETS_PER_EMAIL", "-1", "password-resets-per-email"},
           {"IMMAGIN_EMAIL_CHANGES_PER_ACCOUNT", "x", "email-changes-per-account"}}) {
    auto bad = LoadConfig({}, env({{name, value}}));
    ASSERT_FALSE(bad.ok()) << name << "=" << value;
    EXPECT_EQ(bad.error().field, field) << name << "=" << value;
  }
}

}  // namespace
}  // namespace immagin::cp::testing
