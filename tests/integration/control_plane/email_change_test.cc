// Email change against a real server, with the links read from the mail it really sent over
// SMTP: the session, its CSRF token and the current password ask; the link mailed to the
// new address changes it (once, before it expires); the old address is told; a taken
// address answers like a free one (no enumeration) and is refused with 409 only to whoever
// opens the link.
#include <chrono>
#include <thread>

#include "account_mail_fixture.h"

namespace immagin::cp::testing {
namespace {

class EmailChange : public AccountMailTest {
 protected:
  HttpResult AskForChange(const ConsoleSession& session, const std::string& email,
                          const std::string& password = kAccountPassword) const {
    return PostJson("/v1/account/email", Json{{"email", email}, {"password", password}},
                    {session.cookie, session.csrf});
  }
  HttpResult Confirm(const std::string& token) const {
    return PostJson("/v1/account/email/confirm", Json{{"token", token}});
  }
  // Asks to move `session`'s account to `email`; the token of the `count`th link mailed there.
  std::string ChangeToken(const ConsoleSession& session, const std::string& email,
                          size_t count = 1) {
    auto asked = AskForChange(session, email);
    EXPECT_EQ(asked.status, 202) << asked.body;
    std::string token = smtp_.WaitForLinkToken(email, "confirm-email", count);
    EXPECT_FALSE(token.empty()) << "no confirmation mail to " << email;
    return token;
  }
  std::string EmailOf(const ConsoleSession& session) const {
    auto me = Me(session);
    EXPECT_EQ(me.status, 200) << me.body;
    return me.json()["account"]["email"].get<std::string>();
  }
};

TEST_F(EmailChange, TheLinkMailedToTheNewAddressChangesItAndTheOldAddressIsTold) {
  ConsoleSession session = SignUpVerified("old@example.com", kAccountPassword);
  auto asked = AskForChange(session, "New@Example.com");
  ASSERT_EQ(asked.status, 202) << asked.body;
  EXPECT_EQ(EmailOf(session), "old@example.com") << "nothing changes before the link is opened";
  auto mails = smtp_.WaitForMails("new@example.com", 1);
  ASSERT_TRUE(mails);
  EXPECT_EQ(mails->front().subject, "Confirm your new Immagin email address");
  EXPECT_NE(mails->front().data.find(Url("/console/#confirm-email=")), std::string::npos);
  EXPECT_NE(mails->front().data.find("expires in 48 hours"), std::string::npos);
  std::string token = smtp_.WaitForLinkToken("new@example.com", "confirm-email");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_changes WHERE " + HexSql("token_hash") + " = '" +
                  TokenHashHex(token) + "'"),
            1)
      << "stored as its hash";

  auto confirmed = Confirm(token);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.json()["account"]["email"], "new@example.com");
  EXPECT_EQ(confirmed.json()["account"]["emailVerified"], true);
  EXPECT_EQ(confirmed.headers.count("set-cookie"), 0u) << "the link changes, it does not log in";
  EXPECT_EQ(EmailOf(session), "new@example.com") << "the session lives on with the new address";
  EXPECT_EQ(LogIn("new@example.com", kAccountPassword).status, 200);
  EXPECT_EQ(LogIn("old@example.com", kAccountPassword).status, 401);
  auto notice = smtp_.WaitForMails("old@example.com", 2);  // the verification mail, the notice
  ASSERT_TRUE(notice);
  EXPECT_EQ(notice->back().subject, "Your Immagin login address was changed");
  EXPECT_NE(notice->back().data.find("new@example.com"), std::string::npos);
}

TEST_F(EmailChange, ALinkWorksOnceAndANewerRequestReplacesTheOlderLink) {
  ConsoleSession session = SignUpVerified("once@example.com", kAccountPassword);
  std::string older = ChangeToken(session, "first@example.com");
  std::string newer = ChangeToken(session, "second@example.com");
  auto replaced = Confirm(older);
  EXPECT_EQ(replaced.status, 400) << replaced.body;
  EXPECT_EQ(replaced.error_field(), "token");
  ASSERT_EQ(Confirm(newer).status, 200);
  auto again = Confirm(newer);
  EXPECT_EQ(again.status, 410) << again.body;
  EXPECT_EQ(again.error_field(), "token");
  EXPECT_EQ(again.error_code(), "used");
  EXPECT_EQ(EmailOf(session), "second@example.com");
}

TEST_F(EmailChange, AnExpiredLinkChangesNothing) {
  StopServer();
  // The link lives as long as a verification link; 2 s leaves at least one to read the mail.
  config_.accounts.verification_ttl_seconds = 2;
  StartServer();
  ConsoleSession session = SignUpVerified("slow@example.com", kAccountPassword);
  std::string token = ChangeToken(session, "later@example.com");
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  auto expired = Confirm(token);
  EXPECT_EQ(expired.status, 410) << expired.body;
  EXPECT_EQ(expired.error_field(), "token");
  EXPECT_EQ(expired.error_code(), "expired");
  EXPECT_EQ(EmailOf(session), "slow@example.com");
  EXPECT_EQ(MailsTo("slow@example.com", "Your Immagin login address was changed"), 0u);
}

TEST_F(EmailChange, TheSessionItsCsrfTokenAndTheCurrentPasswordAreRequired) {
  ConsoleSession session = SignUpVerified("guard@example.com", kAccountPassword);
  auto wrong = AskForChange(session, "elsewhere@example.com", "not the password at all");
  EXPECT_EQ(wrong.status, 403) << wrong.body;
  EXPECT_EQ(wrong.error_field(), "password");
  EXPECT_EQ(wrong.error_code(), "wrong_password");
  EXPECT_EQ(Me(session).status, 200) << "a wrong password keeps the session";
  auto body = Json{{"email", "elsewhere@example.com"}, {"password", kAccountPassword}};
  auto anonymous = PostJson("/v1/account/email", body);
  EXPECT_EQ(anonymous.status, 401);
  auto no_csrf = PostJson("/v1/account/email", body, {session.cookie});
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(no_csrf.error_field(), "X-CSRF-Token");
  auto cross_site =
      PostJson("/v1/account/email", body, {session.cookie, session.csrf, "Origin: https://evil"});
  EXPECT_EQ(cross_site.status, 403);
  EXPECT_EQ(cross_site.error_field(), "origin");
  auto no_password = PostJson("/v1/account/email", Json{{"email", "elsewhere@example.com"}},
                              {session.cookie, session.csrf});
  EXPECT_EQ(no_password.status, 400);
  EXPECT_EQ(no_password.error_field(), "password");
  auto same = AskForChange(session, "GUARD@example.com");
  EXPECT_EQ(same.status, 400);
  EXPECT_EQ(same.error_field(), "email");
  auto invalid = AskForChange(session, "not an address");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(invalid.error_field(), "email");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_changes"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_outbox WHERE recipient = 'elsewhere@example.com'"),
            0);
  auto bogus = Confirm("bogus");
  EXPECT_EQ(bogus.status, 400);
  EXPECT_EQ(bogus.error_field(), "token");
}

TEST_F(EmailChange, WrongPasswordsCountAsFailedLogins) {
  StopServer();
  config_.accounts.login_failures_per_email = 2;
  config_.accounts.email_changes_per_account = 10;
  StartServer();
  ConsoleSession session = SignUpVerified("brute@example.com", kAccountPassword);
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(AskForChange(session, "x@example.com", "guess number " + std::to_string(i)).status,
              403);
  auto limited = AskForChange(session, "x@example.com");
  EXPECT_EQ(limited.status, 429) << "a stolen cookie cannot try passwords faster than a login";
  EXPECT_TRUE(limited.headers.count("retry-after"));
  EXPECT_EQ(LogIn("brute@example.com", kAccountPassword).status, 429);
}

TEST_F(EmailChange, AnAddressInUseAnswersExactlyLikeAFreeOne) {
  SignUpVerified("owner@example.com", kAccountPassword);
  ConsoleSession session = SignUpVerified("prober@example.com", kAccountPassword);
  auto free = AskForChange(session, "free@example.com");
  auto taken = AskForChange(session, "OWNER@example.com");
  EXPECT_EQ(free.status, 202);
  EXPECT_EQ(taken.status, free.status);
  EXPECT_EQ(taken.body, free.body);
  EXPECT_EQ(taken.headers["content-type"], free.headers["content-type"]);
  // The owner of the taken address is told, and gets no link; nothing is pending for it.
  auto owner_mails = smtp_.WaitForMails("owner@example.com", 2);
  ASSERT_TRUE(owner_mails);
  EXPECT_EQ(owner_mails->back().subject,
            "Someone tried to use your address for another Immagin account");
  EXPECT_EQ(owner_mails->back().data.find("#confirm-email="), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_changes WHERE new_email = 'owner@example.com'"), 0);
  EXPECT_EQ(EmailOf(session), "prober@example.com");
}

TEST_F(EmailChange, AnAddressTakenBeforeTheLinkIsOpenedIsAConflict) {
  ConsoleSession session = SignUpVerified("mover@example.com", kAccountPassword);
  std::string token = ChangeToken(session, "contested@example.com");
  // Meanwhile someone signs up with that address and verifies it.
  SignUpVerified("contested@example.com", "the other owner's password");
  auto conflict = Confirm(token);
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(conflict.error_field(), "email");
  EXPECT_EQ(conflict.error_code(), "conflict");
  EXPECT_EQ(EmailOf(session), "mover@example.com");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts WHERE email = 'contested@example.com'"), 1);
}

TEST_F(EmailChange, RequestsAreRateLimitedPerAccount) {
  StopServer();
  config_.accounts.email_changes_per_account = 2;
  StartServer();
  ConsoleSession session = SignUpVerified("busy@example.com", kAccountPassword);
  EXPECT_EQ(AskForChange(session, "one@example.com").status, 202);
  EXPECT_EQ(AskForChange(session, "two@example.com").status, 202);
  auto limited = AskForChange(session, "three@example.com");
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(limited.error_code(), "rate_limited");
  EXPECT_TRUE(limited.headers.count("retry-after"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_outbox WHERE recipient = 'three@example.com'"), 0);
  // Another account is not affected.
  ConsoleSession other = SignUpVerified("calm@example.com", kAccountPassword);
  EXPECT_EQ(AskForChange(other, "three@example.com").status, 202);
}

TEST_F(EmailChange, ResetLinksMailedToTheOldAddressDieWithTheChange) {
  ConsoleSession session = SignUpVerified("moving@example.com", kAccountPassword);
  ASSERT_EQ(PostJson("/v1/account/password-reset", Json{{"email", "moving@example.com"}}).status,
            202);
  std::string reset = smtp_.WaitForLinkToken("moving@example.com", "reset");
  ASSERT_FALSE(reset.empty());
  ASSERT_EQ(Confirm(ChangeToken(session, "moved@example.com")).status, 200);
  auto stale = PostJson("/v1/account/password-reset/confirm",
                        Json{{"token", reset}, {"password", "a password from the old mailbox"}});
  EXPECT_EQ(stale.status, 400) << stale.body;
  EXPECT_EQ(stale.error_field(), "token");
  EXPECT_EQ(LogIn("moved@example.com", kAccountPassword).status, 200);
}

TEST_F(EmailChange, APasswordResetCancelsAPendingChange) {
  // Whoever knew the password may have asked for the change: the reset undoes that too.
  ConsoleSession session = SignUpVerified("victim@example.com", kAccountPassword);
  std::string change = ChangeToken(session, "attacker@example.com");
  ASSERT_EQ(PostJson("/v1/account/password-reset", Json{{"email", "victim@example.com"}}).status,
            202);
  std::string reset = smtp_.WaitForLinkToken("victim@example.com", "reset");
  ASSERT_EQ(PostJson("/v1/account/password-reset/confirm",
                     Json{{"token", reset}, {"password", "the victim's new password"}})
                .status,
            200);
  auto cancelled = Confirm(change);
  EXPECT_EQ(cancelled.status, 400) << cancelled.body;
  EXPECT_EQ(cancelled.error_field(), "token");
  EXPECT_EQ(LogIn("victim@example.com", "the victim's new password").status, 200);
}

}  // namespace
}  // namespace immagin::cp::testing
