// Console accounts against a real server: sign-up, verification, sessions in the sealed
// cookie, CSRF, login rate limits, deletion and export.
#include <sodium.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "calendar.h"
#include "control_plane_fixture.h"
#include "immagin/base64url.h"
#include "immagin/signing.h"
#include "smtp_recorder.h"

namespace immagin::cp::testing {
namespace {

constexpr const char* kPassword = "Tr0ub4dor&3-horse-battery";

using Session = ConsoleSession;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

class Accounts : public ControlPlaneTest {
 protected:
  Accounts() {
    // Minimal Argon2id cost: the tests are about behaviour, not hashing strength.
    config_.accounts.pwhash_opslimit = 1;
    config_.accounts.pwhash_memlimit_bytes = 8192;
    config_.accounts.login_failures_per_email = 3;
    config_.accounts.login_failures_per_ip = 6;
  }

  static Session FromResponse(const HttpResult& result) { return SessionFrom(result); }

  // PostgreSQL: the account's whole row as text (a row cast is PostgreSQL's).
  std::string AccountRowText(const std::string& email) {
    std::string text;
    EXPECT_TRUE(admin_db_
                    ->Run([&](Connection& db) -> Status {
                      Statement row(db,
                                    "SELECT CAST(accounts AS TEXT) FROM accounts WHERE email = ?");
                      row.Bind(1, email);
                      if (row.Step()) text = row.Text(0);
                      return {};
                    })
                    .ok());
    return text;
  }

  HttpResult PostJson(const std::string& path, const std::string& body,
                      std::vector<std::string> headers = {}) const {
    headers.push_back("Content-Type: application/json");
    return Send("POST", Url(path), body, headers);
  }

  HttpResult SignUpOnly(const std::string& email, const std::string& password = kPassword) const {
    return PostJson("/v1/account/signup", DumpJson(Json{{"email", email}, {"password", password}}));
  }

  Session OpenLink(const std::string& email) { return OpenVerificationLink(email); }

  // Sign-up answers 202 without a session (alike for taken addresses); the emailed link
  // completes it and logs in.
  Session SignUp(const std::string& email, const std::string& password = kPassword) {
    auto result = SignUpOnly(email, password);
    EXPECT_EQ(result.status, 202) << result.body;
    return OpenLink(email);
  }

  std::string InsertToken(int64_t account_id) { return InsertVerificationToken(account_id); }

  HttpResult LogIn(const std::string& email, const std::string& password) const {
    return PostJson("/v1/account/login", DumpJson(Json{{"email", email}, {"password", password}}));
  }

  // What the emailed link carries, without going through the mail: a token of our own in
  // the table the link is checked against.
  // A second link for an account (verification is idempotent once verified).
  void MarkVerified(const Session& session) {
    std::string token = InsertToken(session.account_id);
    auto verified = PostJson("/v1/account/verify", DumpJson(Json{{"token", token}}));
    ASSERT_EQ(verified.status, 200) << verified.body;
  }

  HttpResult CreateProject(const Session& session, const std::string& tenant) const {
    return PostJson("/v1/account/projects", DumpJson(Json{{"tenantId", tenant}}),
                    {session.cookie, session.csrf});
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
};

TEST_F(Accounts, TheVerificationLinkStartsASealedHttpOnlySession) {
  Session session = SignUp("Ada@Example.com");
  EXPECT_NE(session.set_cookie.find("immagin_session="), std::string::npos);
  EXPECT_NE(session.set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(session.set_cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(session.set_cookie.find("Secure"), std::string::npos) << "served over http";
  auto me = Send("GET", Url("/v1/account"), "", {session.cookie});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["account"]["email"], "ada@example.com");
  EXPECT_EQ(me.json()["account"]["emailVerified"], true);
}

TEST_F(Accounts, BadSignUpsNameTheField) {
  struct Case {
    std::string body;
    std::string field;
  } cases[] = {
      {R"({"email":"not-an-address","password":"long enough password"})", "email"},
      {R"({"email":"a b@example.com","password":"long enough password"})", "email"},
      {R"({"email":"a@example.com","password":"short"})", "password"},
      {R"({"email":"a@example.com"})", "password"},
      {R"({"email":"a@example.com","password":"long enough password","plan":"paid"})", "plan"},
      {R"({"email":7,"password":"long enough password"})", "email"},
      {"[1]", "body"},
      {"{", "body"},
  };
  for (const auto& c : cases) {
    auto result = PostJson("/v1/account/signup", c.body);
    EXPECT_EQ(result.status, 400) << c.body;
    EXPECT_EQ(result.error_field(), c.field) << c.body << " → " << result.body;
  }
  std::string long_password(config_.accounts.max_password_bytes + 1, 'x');
  auto result = PostJson("/v1/account/signup",
                         DumpJson(Json{{"email", "a@example.com"}, {"password", long_password}}));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.error_field(), "password");
  auto first = PostJson("/v1/account/signup",
                        R"({"email":"taken@example.com","password":"a long enough password"})");
  EXPECT_EQ(first.status, 202);
  auto again = PostJson("/v1/account/signup",
                        R"({"email":"TAKEN@example.com","password":"another long password"})");
  EXPECT_EQ(again.status, 202) << "a taken address answers like a free one";
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts WHERE email = 'taken@example.com'"), 1);
}

TEST_F(Accounts, PasswordIsNeverStoredOrLoggedInClear) {
  ::testing::internal::CaptureStderr();
  Session session = SignUp("clear@example.com", kPassword);
  EXPECT_EQ(LogIn("clear@example.com", kPassword).status, 200);
  EXPECT_EQ(LogIn("clear@example.com", std::string(kPassword) + "x").status, 401);
  std::string log = ::testing::internal::GetCapturedStderr();
  StopServer();  // all writes done; the WAL may still hold the pages, so read it too
  // PostgreSQL keeps no file of ours: every text column of the account's row instead.
  std::string bytes = OnPostgres() ? AccountRowText("clear@example.com")
                                   : ReadFile(dir_ / "control-plane.sqlite3") +
                                         ReadFile(dir_ / "control-plane.sqlite3-wal");
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes.find(kPassword), std::string::npos) << "password in the database file";
  EXPECT_EQ(log.find(kPassword), std::string::npos) << "password in the log";
  EXPECT_NE(bytes.find("$argon2id$"), std::string::npos) << "an Argon2id string is stored";
  StartServer();
}

TEST_F(Accounts, WrongPasswordAndUnknownEmailAre401Alike) {
  SignUp("bob@example.com");
  auto wrong = LogIn("bob@example.com", "not the password at all");
  EXPECT_EQ(wrong.status, 401);
  auto unknown = LogIn("nobody@example.com", "not the password at all");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body, unknown.body) << "no hint whether the account exists";
  EXPECT_EQ(wrong.headers.count("set-cookie"), 0u);
  auto right = LogIn("BOB@example.com", kPassword);
  EXPECT_EQ(right.status, 200) << right.body;
  EXPECT_FALSE(FromResponse(right).cookie.empty());
}

TEST_F(Accounts, RepeatedFailedLoginsAreRateLimitedPerEmailAndPerIp) {
  SignUp("carol@example.com");
  for (int i = 0; i < config_.accounts.login_failures_per_email; ++i)
    EXPECT_EQ(LogIn("carol@example.com", "wrong password " + std::to_string(i)).status, 401);
  auto limited = LogIn("carol@example.com", kPassword);
  EXPECT_EQ(limited.status, 429) << "even the right password waits for the window";
  EXPECT_EQ(limited.error_code(), "rate_limited");
  ASSERT_TRUE(limited.headers.count("retry-after"));
  int retry = std::stoi(limited.headers["retry-after"]);
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, config_.accounts.login_window_seconds);
  // Other addresses from the same IP: limited once the IP's budget is spent.
  int failures = config_.accounts.login_failures_per_email;
  long status = 401;
  for (int i = 0; status == 401 && i < 20; ++i, ++failures)
    status = LogIn("user" + std::to_string(i) + "@example.com", "wrong password").status;
  EXPECT_EQ(status, 429);
  EXPECT_EQ(failures, config_.accounts.login_failures_per_ip + 1);
}

TEST_F(Accounts, ExpiredCookieIsRefused) {
  StopServer();
  // Expiry is checked in whole seconds: 2 s leaves at least one for the first request.
  config_.accounts.session_ttl_seconds = 2;
  StartServer();
  Session session = SignUp("dave@example.com");
  ASSERT_EQ(Send("GET", Url("/v1/account"), "", {session.cookie}).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  auto expired = Send("GET", Url("/v1/account"), "", {session.cookie});
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.body.find("expired"), std::string::npos) << expired.body;
}

TEST_F(Accounts, ForgedOrTamperedCookiesAreRefused) {
  Session session = SignUp("eve@example.com");
  std::string value = session.cookie.substr(std::string("Cookie: immagin_session=").size());
  std::vector<std::string> forged;
  for (size_t at : {size_t{0}, value.size() / 2, value.size() - 2}) {
    std::string tampered = value;
    tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
    forged.push_back(tampered);
  }
  std::string random(72, '\0');
  randombytes_buf(random.data(), random.size());
  forged.push_back(Base64UrlEncode(random));  // the right length, the wrong key
  forged.push_back("");
  forged.push_back("not base64 !");
  forged.push_back(std::string(5000, 'A'));
  for (const auto& cookie : forged) {
    auto result = Send("GET", Url("/v1/account"), "", {"Cookie: immagin_session=" + cookie});
    EXPECT_EQ(result.status, 401) << cookie;
  }
  EXPECT_EQ(Send("GET", Url("/v1/account"), "", {session.cookie}).status, 200);
}

TEST_F(Accounts, LogoutRevokesTheSessionOnTheServer) {
  Session session = SignUp("frank@example.com");
  Session second = FromResponse(LogIn("frank@example.com", kPassword));
  auto out = Send("POST", Url("/v1/account/logout"), "", {session.cookie, session.csrf});
  ASSERT_EQ(out.status, 204) << out.body;
  EXPECT_NE(out.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  // A copy of the cookie kept by an attacker is dead too, not only the browser's.
  auto replay = Send("GET", Url("/v1/account"), "", {session.cookie});
  EXPECT_EQ(replay.status, 401);
  EXPECT_NE(replay.body.find("logged out"), std::string::npos);
  EXPECT_EQ(Send("GET", Url("/v1/account"), "", {second.cookie}).status, 200)
      << "other sessions live on";
}

TEST_F(Accounts, CookieAuthenticatedWritesNeedTheCsrfToken) {
  Session alice = SignUp("alice@example.com");
  Session mallory = SignUp("mallory@example.com");
  MarkVerified(alice);
  auto body = DumpJson(Json{{"tenantId", "alice-co"}});
  auto missing = PostJson("/v1/account/projects", body, {alice.cookie});
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.error_field(), "X-CSRF-Token");
  auto wrong = PostJson("/v1/account/projects", body, {alice.cookie, "X-CSRF-Token: nope"});
  EXPECT_EQ(wrong.status, 403);
  auto other = PostJson("/v1/account/projects", body, {alice.cookie, mallory.csrf});
  EXPECT_EQ(other.status, 403) << "a token is bound to its session";
  auto cross_site =
      PostJson("/v1/account/projects", body, {alice.cookie, alice.csrf, "Origin: https://evil"});
  EXPECT_EQ(cross_site.status, 403);
  EXPECT_EQ(cross_site.error_field(), "origin");
  auto logout = Send("POST", Url("/v1/account/logout"), "", {alice.cookie});
  EXPECT_EQ(logout.status, 403) << "logout is a write too";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM projects"), 0);
  auto same_origin =
      PostJson("/v1/account/projects", body, {alice.cookie, alice.csrf, "Origin: " + Url("")});
  EXPECT_EQ(same_origin.status, 201) << same_origin.body;
  // Reads need no token.
  EXPECT_EQ(Send("GET", Url("/v1/account/projects"), "", {alice.cookie}).status, 200);
}

TEST_F(Accounts, AnUnverifiedAccountCannotLogInUntilItsLinkIsOpened) {
  ASSERT_EQ(SignUpOnly("grace@example.com").status, 202);
  auto right = LogIn("grace@example.com", kPassword);
  auto wrong = LogIn("grace@example.com", "not the password at all");
  EXPECT_EQ(right.status, 401);
  EXPECT_EQ(right.body, wrong.body) << "the right password of an unverified account tells nothing";
  EXPECT_EQ(right.headers.count("set-cookie"), 0u);
  Session session = OpenLink("grace@example.com");
  EXPECT_EQ(LogIn("grace@example.com", kPassword).status, 200);
  auto created = CreateProject(session, "grace-co");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["tenantId"], "grace-co");
  auto second = CreateProject(session, "grace-two");
  EXPECT_EQ(second.status, 409) << "the free plan has one project";
  auto bad = CreateProject(session, "Not A Tenant");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_field(), "tenantId");
}

TEST_F(Accounts, TheVerificationLinkIsPrintedInTheLogWithoutSmtp) {
  ::testing::internal::CaptureStderr();
  ASSERT_EQ(SignUpOnly("heidi@example.com").status, 202);
  // The outbox sender runs on its own thread: wait until it has handled the message.
  for (int i = 0; i < 100 && Count("SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NULL"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::string log = ::testing::internal::GetCapturedStderr();
  std::smatch match;
  ASSERT_TRUE(std::regex_search(log, match, std::regex("/console/#verify=([A-Za-z0-9_-]+)")))
      << log;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_outbox WHERE body != ''"), 0)
      << "sent bodies are blanked";
  auto verified = PostJson("/v1/account/verify", DumpJson(Json{{"token", match[1].str()}}));
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.json()["account"]["emailVerified"], true);
  Session session = FromResponse(verified);
  auto replayed = PostJson("/v1/account/verify", DumpJson(Json{{"token", match[1].str()}}));
  EXPECT_EQ(replayed.status, 400) << "a link logs in once";
  auto bogus = PostJson("/v1/account/verify", R"({"token":"bogus"})");
  EXPECT_EQ(bogus.status, 400);
  EXPECT_EQ(bogus.error_field(), "token");
  EXPECT_EQ(CreateProject(session, "heidi-co").status, 201);
}

TEST_F(Accounts, WithSmtpConfiguredTheVerificationEmailIsSentOverSmtp) {
  SmtpRecorder smtp;
  StopServer();
  config_.mail.smtp_url = "smtp://127.0.0.1:" + std::to_string(smtp.port());
  config_.mail.from = "Immagin <robot@immagin.test>";
  StartServer();
  SignUp("oscar@example.com");
  for (int i = 0; i < 200 && !smtp.done(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::string transcript = smtp.Transcript();
  EXPECT_NE(transcript.find("MAIL FROM:<robot@immagin.test>"), std::string::npos) << transcript;
  EXPECT_NE(transcript.find("RCPT TO:<oscar@example.com>"), std::string::npos);
  EXPECT_NE(transcript.find("Subject: Verify your Immagin account"), std::string::npos);
  EXPECT_NE(transcript.find("/console/#verify="), std::string::npos);
  for (int i = 0; i < 100 && Count("SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NULL"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NOT NULL"), 1);
}

TEST_F(Accounts, AnUnreachableSmtpServerLeavesTheMailQueuedForRetry) {
  StopServer();
  config_.mail.smtp_url = "smtp://127.0.0.1:1";  // nothing listens there
  StartServer();
  SignUp("pat@example.com");
  for (int i = 0; i < 200 && Count("SELECT COUNT(*) FROM email_outbox WHERE attempts > 0") == 0;
       ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_outbox WHERE attempts = 1 AND sent_at IS NULL AND "
                  "last_error LIKE 'smtp:%' AND next_attempt_at > created_at"),
            1);
}

TEST_F(Accounts, TheSessionReachesTheProjectApiOfItsOwnProjectsOnly) {
  Session owner = SignUp("ivan@example.com");
  MarkVerified(owner);
  ASSERT_EQ(CreateProject(owner, "ivan-co").status, 201);
  auto admin_project = ControlPlaneTest::CreateProject("cli-made");  // immagin-admin's way
  std::vector<std::string> as_owner = {owner.cookie, owner.csrf, "X-Immagin-Project: ivan-co",
                                       "Content-Type: application/json"};
  auto key = Send("POST", Url("/v1/keys"), R"({"name":"ci"})", as_owner);
  ASSERT_EQ(key.status, 201) << key.body;
  EXPECT_EQ(Get("/v1/keys", admin_project).json()["keys"].size(), 1u)
      << "the CLI project is untouched";
  auto project = Send("GET", Url("/v1/project"), "", as_owner);
  ASSERT_EQ(project.status, 200);
  EXPECT_EQ(project.json()["tenantId"], "ivan-co");
  auto rotated = Send("POST", Url("/v1/project/rotate-secret"), "", as_owner);
  ASSERT_EQ(rotated.status, 200);
  EXPECT_NE(rotated.json()["signingSecret"]["id"], project.json()["signingSecret"]["id"]);
  auto foreign = Send("GET", Url("/v1/keys"), "", {owner.cookie, "X-Immagin-Project: cli-made"});
  EXPECT_EQ(foreign.status, 404);
  auto unnamed = Send("GET", Url("/v1/keys"), "", {owner.cookie});
  EXPECT_EQ(unnamed.status, 400);
  EXPECT_EQ(unnamed.error_field(), "X-Immagin-Project");
  // The key works as a bearer key for the SDK.
  TestProject as_key{Project{}, key.json()["key"],
                     "Authorization: Bearer " + key.json()["key"].get<std::string>()};
  EXPECT_EQ(Get("/v1/images", as_key).status, 200);
}

TEST_F(Accounts, SignedUrlsAreSignedWithTheProjectsSecret) {
  Session owner = SignUp("judy@example.com");
  MarkVerified(owner);
  ASSERT_EQ(CreateProject(owner, "judy-co").status, 201);
  std::vector<std::string> as_owner = {owner.cookie, owner.csrf, "X-Immagin-Project: judy-co",
                                       "Content-Type: application/json"};
  auto signed_url =
      Send("POST", Url("/v1/images/signed-url"),
           R"({"key":"a b.jpg","edits":[{"resize":{"width":200}}],"output":{"format":"png"}})",
           as_owner);
  ASSERT_EQ(signed_url.status, 200) << signed_url.body;
  std::string url = signed_url.json()["url"];
  std::string base = config_.delivery_base_url + "/judy-co/";
  ASSERT_EQ(url.rfind(base, 0), 0u) << url;
  std::string payload = url.substr(base.size(), url.find('?') - base.size());
  std::string sig = url.substr(url.find("?sig=") + 5);
  auto project = projects_->FindByTenant("judy-co");
  ASSERT_TRUE(project.ok());
  auto secrets = projects_->ActiveSecrets(project->id, NowSeconds());
  ASSERT_TRUE(secrets.ok());
  EXPECT_TRUE(VerifySignature("judy-co", payload, sig, secrets.value(), NowSeconds()).ok());
  auto invalid = Send("POST", Url("/v1/images/signed-url"),
                      R"({"key":"a.jpg","edits":[{"resize":{"width":0}}]})", as_owner);
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(invalid.error_field(), "edits[0].resize.width");
}

TEST_F(Accounts, DeletingTheAccountRemovesItsRowsAndFiles) {
  Session owner = SignUp("ken@example.com");
  MarkVerified(owner);
  ASSERT_EQ(CreateProject(owner, "ken-co").status, 201);
  std::vector<std::string> as_owner = {owner.cookie, owner.csrf, "X-Immagin-Project: ken-co",
                                       "Content-Type: application/json"};
  auto key = Send("POST", Url("/v1/keys"), R"({"name":"ci"})", as_owner);
  ASSERT_EQ(key.status, 201);
  TestProject as_key{Project{}, key.json()["key"],
                     "Authorization: Bearer " + key.json()["key"].get<std::string>()};
  ASSERT_EQ(Upload(as_key, "photos/a.jpg", "original bytes").status, 201);
  ASSERT_EQ(
      EdgePost(
          "/internal/v1/usage",
          R"({"events":[{"tenant":"ken-co","transformId":"0123456789abcdef0123456789abcdef","bytes":1,"ms":1,"time":1790000000}]})")
          .status,
      200);
  auto survivor = ControlPlaneTest::CreateProject("keeps");
  ASSERT_EQ(Upload(survivor, "b.jpg", "other bytes").status, 201);
  auto project_id = projects_->FindByTenant("ken-co")->id;
  auto storage_namespace = projects_->FindByTenant("ken-co")->storage_namespace;
  ASSERT_TRUE(std::filesystem::exists(dir_ / "objects" / storage_namespace));

  auto refused = Send("DELETE", Url("/v1/account"), "", {owner.cookie});
  EXPECT_EQ(refused.status, 403) << "CSRF applies";
  auto deleted = Send("DELETE", Url("/v1/account"), "", {owner.cookie, owner.csrf});
  ASSERT_EQ(deleted.status, 204) << deleted.body;

  EXPECT_FALSE(std::filesystem::exists(dir_ / "objects" / storage_namespace));
  EXPECT_EQ(Get("/v1/images", as_key).status, 401) << "its keys are gone";
  EXPECT_EQ(Send("GET", Url("/v1/account"), "", {owner.cookie}).status, 401);
  std::string id = std::to_string(owner.account_id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts WHERE id = " + id), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sessions WHERE account_id = " + id), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_outbox WHERE account_id = " + id), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM email_verifications WHERE account_id = " + id), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM projects WHERE tenant_id = 'ken-co'"), 0);
  std::string pid = std::to_string(project_id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM api_keys WHERE project_id = " + pid), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM signing_secrets WHERE project_id = " + pid), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM usage_transforms WHERE project_id = " + pid), 0);
  EXPECT_EQ(Get("/v1/images", survivor).json()["images"].size(), 1u) << "others untouched";
  EXPECT_EQ(LogIn("ken@example.com", kPassword).status, 401);
}

TEST_F(Accounts, ExportHasTheAccountProjectsKeysImagesAndUsageButNoSecrets) {
  Session owner = SignUp("liz@example.com");
  MarkVerified(owner);
  ASSERT_EQ(CreateProject(owner, "liz-co").status, 201);
  std::vector<std::string> as_owner = {owner.cookie, owner.csrf, "X-Immagin-Project: liz-co",
                                       "Content-Type: application/json"};
  auto key = Send("POST", Url("/v1/keys"), R"({"name":"ci"})", as_owner);
  ASSERT_EQ(key.status, 201);
  std::string full_key = key.json()["key"];
  TestProject as_key{Project{}, full_key, "Authorization: Bearer " + full_key};
  ASSERT_EQ(Upload(as_key, "x/one.png", "12345").status, 201);
  ASSERT_EQ(
      EdgePost(
          "/internal/v1/usage",
          R"({"events":[{"tenant":"liz-co","transformId":"0123456789abcdef0123456789abcdef","bytes":1,"ms":1,"time":1790000000}]})")
          .status,
      200);
  auto exported = Send("GET", Url("/v1/account/export"), "", {owner.cookie});
  ASSERT_EQ(exported.status, 200) << exported.body;
  Json json = exported.json();
  EXPECT_EQ(json["format"], "immagin-account-export-v1");
  EXPECT_EQ(json["account"]["email"], "liz@example.com");
  EXPECT_EQ(json["account"]["emailVerified"], true);
  ASSERT_EQ(json["projects"].size(), 1u);
  const Json& project = json["projects"][0];
  EXPECT_EQ(project["tenantId"], "liz-co");
  ASSERT_EQ(project["apiKeys"].size(), 1u);
  EXPECT_EQ(project["apiKeys"][0]["name"], "ci");
  EXPECT_EQ(project["apiKeys"][0]["prefix"], full_key.substr(0, 8));
  ASSERT_EQ(project["images"].size(), 1u);
  EXPECT_EQ(project["images"][0]["key"], "x/one.png");
  EXPECT_EQ(project["images"][0]["size"], 5);
  ASSERT_EQ(project["usage"].size(), 1u);
  EXPECT_EQ(project["usage"][0]["month"], MonthOf(1790000000));
  EXPECT_EQ(project["usage"][0]["uniqueTransforms"], 1);
  EXPECT_EQ(exported.body.find(full_key), std::string::npos) << "never the key";
  auto secrets = projects_->ActiveSecrets(projects_->FindByTenant("liz-co")->id, NowSeconds());
  EXPECT_EQ(exported.body.find(Base64UrlEncode(secrets->front().key)), std::string::npos);
  EXPECT_EQ(exported.body.find("argon2"), std::string::npos) << "never the password hash";
  EXPECT_EQ(Send("GET", Url("/v1/account/export"), "").status, 401);
}

TEST_F(Accounts, SessionCookiesAreSecureBehindAnHttpsPublicUrl) {
  StopServer();
  config_.public_api_url = "https://console.example.com";
  StartServer();
  Session session = SignUp("mia@example.com");
  EXPECT_NE(session.set_cookie.find("; Secure"), std::string::npos) << session.set_cookie;
}

TEST_F(Accounts, TheConsoleIsServedWithAStrictContentSecurityPolicy) {
  auto page = Send("GET", Url("/console/"));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<title>Immagin console</title>"), std::string::npos);
  EXPECT_NE(page.headers["content-security-policy"].find("script-src 'self'"), std::string::npos);
  EXPECT_NE(page.headers["content-security-policy"].find(config_.delivery_base_url),
            std::string::npos);
  EXPECT_EQ(Send("GET", Url("/console/app.js")).status, 200);
  EXPECT_EQ(Send("GET", Url("/console/../control-plane.sqlite3")).status, 404);
  EXPECT_EQ(Send("GET", Url("/console/nothing.js")).status, 404);
}

TEST(AccountConfig, LimitsComeFromTheEnvironmentAndAreValidated) {
  auto env = [](std::map<std::string, std::string> values) -> EnvLookup {
    return [values](const std::string& name) -> std::optional<std::string> {
      auto it = values.find(name);
      if (it == values.end()) return std::nullopt;
      return it->second;
    };
  };
  auto defaults = LoadConfig({}, env({}));
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->accounts.session_ttl_seconds, 7 * 86400);
  EXPECT_EQ(defaults->accounts.login_failures_per_email, 5);
  EXPECT_EQ(defaults->accounts.pwhash_memlimit_bytes, 64u << 20);
  auto set = LoadConfig({"--login-failures-per-ip=9"},
                        env({{"IMMAGIN_SESSION_TTL_SECONDS", "60"},
                             {"IMMAGIN_PWHASH_OPSLIMIT", "3"},
                             {"IMMAGIN_SMTP_URL", "smtp://mail.example.com:587"}}));
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->accounts.session_ttl_seconds, 60);
  EXPECT_EQ(set->accounts.pwhash_opslimit, 3u);
  EXPECT_EQ(set->accounts.login_failures_per_ip, 9);
  EXPECT_EQ(set->mail.smtp_url, "smtp://mail.example.com:587");
  for (const auto& [name, value, field] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"IMMAGIN_SESSION_TTL_SECONDS", "0", "session-ttl"},
           {"IMMAGIN_PWHASH_MEMLIMIT_BYTES", "100", "pwhash-memlimit"},
           {"IMMAGIN_LOGIN_FAILURES_PER_EMAIL", "x", "login-failures-per-email"},
           {"IMMAGIN_SMTP_URL", "http://mail", "smtp-url"},
           {"IMMAGIN_MAIL_FROM", "no address", "mail-from"},
           {"IMMAGIN_MIN_PASSWORD_CHARS", "4", "min-password-chars"}}) {
    auto bad = LoadConfig({}, env({{name, value}}));
    ASSERT_FALSE(bad.ok()) << name;
    EXPECT_EQ(bad.error().field, field) << name;
  }
}

}  // namespace
}  // namespace immagin::cp::testing
