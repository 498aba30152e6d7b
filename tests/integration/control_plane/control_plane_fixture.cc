#include "control_plane_fixture.h"

#include <sodium.h>
#include <unistd.h>

#include "auth/api_key_store.h"
#include "calendar.h"

namespace immagin::cp::testing {

std::filesystem::path MakeTempDir() {
  auto base = std::filesystem::temp_directory_path() /
              ("immagin-cp-test-" + std::to_string(::getpid()) + "-" + RandomBase62(8));
  std::filesystem::create_directories(base);
  return base;
}

ControlPlaneTest::ControlPlaneTest() : dir_(MakeTempDir()) {
  config_.listen_host = "127.0.0.1";
  config_.listen_port = 0;
  config_.data_dir = dir_.string();
  config_.database_url = database_.url();
  config_.edge_token = kEdgeToken;
  config_.threads = 2;
}

ControlPlaneTest::~ControlPlaneTest() {
  StopServer();
  keys_.reset();
  accounts_.reset();
  projects_.reset();
  admin_db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void ControlPlaneTest::StartServer() {
  auto server = Server::Create(config_);
  ASSERT_TRUE(server.ok()) << server.error().message;
  server_ = std::move(server.value());
  auto started = server_->Start();
  ASSERT_TRUE(started.ok()) << started.error().message;
  if (!admin_db_) {
    auto db = Database::Open(config_.DatabaseUrl(), DatabaseOptions{2, 5000});
    ASSERT_TRUE(db.ok()) << db.error().message;
    admin_db_ = std::move(db.value());
    projects_ =
        std::make_unique<ProjectStore>(*admin_db_, config_.limits.free_projects_per_account);
    accounts_ = std::make_unique<AccountStore>(*admin_db_, config_.accounts);
    keys_ = std::make_unique<ApiKeyStore>(*admin_db_, config_.limits.max_api_keys_per_project);
  }
}

void ControlPlaneTest::StopServer() {
  if (server_) server_->Shutdown();
  server_.reset();
}

std::string ControlPlaneTest::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
}

TestProject ControlPlaneTest::CreateProject(const std::string& tenant, const std::string& plan) {
  TestProject out;
  auto account = accounts_->Create(plan, NowSeconds());
  EXPECT_TRUE(account.ok());
  auto project = projects_->Create(account->id, tenant, tenant, NowSeconds());
  EXPECT_TRUE(project.ok()) << project.error().message;
  out.project = project.value();
  auto key = keys_->Create(out.project.id, "test", NowSeconds());
  EXPECT_TRUE(key.ok());
  out.key = key->key;
  out.auth = "Authorization: Bearer " + out.key;
  return out;
}

HttpResult ControlPlaneTest::Upload(const TestProject& who, const std::string& key,
                                    const std::string& bytes) {
  immagin::Json request{{"key", key}};
  auto presigned = Post("/v1/images/presign", DumpJson(request), who);
  EXPECT_EQ(presigned.status, 200) << presigned.body;
  auto json = presigned.json();
  if (!json.is_object() || !json["uploadUrl"].is_string()) return presigned;
  return Send("PUT", json["uploadUrl"].get<std::string>(), bytes);
}

ConsoleSession ControlPlaneTest::SessionFrom(const HttpResult& result) {
  ConsoleSession session;
  auto it = result.headers.find("set-cookie");
  if (it == result.headers.end()) return session;
  session.set_cookie = it->second;
  session.cookie = "Cookie: " + it->second.substr(0, it->second.find(';'));
  auto json = result.json();
  session.csrf = "X-CSRF-Token: " + json["csrfToken"].get<std::string>();
  session.account_id = json["account"]["id"].get<int64_t>();
  return session;
}

std::string ControlPlaneTest::InsertVerificationToken(int64_t account_id) {
  std::string token = "test-token-" + std::to_string(account_id) + "-" + RandomBase62(8);
  std::string hash(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), hash.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  EXPECT_TRUE(admin_db_
                  ->Run([&](Connection& db) -> Status {
                    Statement insert(db,
                                     "INSERT INTO email_verifications (token_hash, account_id, "
                                     "created_at, expires_at) VALUES (?, ?, 0, ?)");
                    insert.BindBlob(1, hash).Bind(2, account_id);
                    insert.Bind(3, NowSeconds() + 600);
                    insert.Step();
                    return {};
                  })
                  .ok());
  return token;
}

ConsoleSession ControlPlaneTest::OpenVerificationLink(const std::string& email) {
  int64_t account_id = 0;
  EXPECT_TRUE(admin_db_
                  ->Run([&](Connection& db) -> Status {
                    Statement row(db, "SELECT id FROM accounts WHERE email = lower(?)");
                    row.Bind(1, email);
                    if (row.Step()) account_id = row.Int(0);
                    return {};
                  })
                  .ok());
  EXPECT_NE(account_id, 0) << email;
  const std::string token = InsertVerificationToken(account_id);
  auto verified = Send("POST", Url("/v1/account/verify"), DumpJson(Json{{"token", token}}),
                       {"Content-Type: application/json"});
  EXPECT_EQ(verified.status, 200) << verified.body;
  return SessionFrom(verified);
}

ConsoleSession ControlPlaneTest::SignUpVerified(const std::string& email,
                                                const std::string& password) {
  auto signup = Send("POST", Url("/v1/account/signup"),
                     DumpJson(Json{{"email", email}, {"password", password}}),
                     {"Content-Type: application/json"});
  EXPECT_EQ(signup.status, 202) << signup.body;
  return OpenVerificationLink(email);
}

}  // namespace immagin::cp::testing
