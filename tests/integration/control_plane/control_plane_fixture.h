// A real control plane on an ephemeral loopback port over a real database (a SQLite file in
// a fresh temporary directory, or a fresh PostgreSQL database: test_database.h), plus a
// second connection to it for setting up projects (as immagin-admin would).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "accounts/account_store.h"
#include "accounts/project_store.h"
#include "auth/api_key_store.h"
#include "config.h"
#include "http/server.h"
#include "http_client.h"
#include "store/database.h"
#include "test_database.h"

namespace immagin::cp::testing {

inline constexpr const char* kEdgeToken = "edge-token-for-tests-0123456789";

std::filesystem::path MakeTempDir();

struct TestProject {
  Project project;
  std::string key;   // a live API key of the project
  std::string auth;  // "Authorization: Bearer …"
};

// A console login, as headers ready to send.
struct ConsoleSession {
  std::string cookie;      // "Cookie: immagin_session=…"
  std::string csrf;        // "X-CSRF-Token: …"
  std::string set_cookie;  // the Set-Cookie header as answered
  int64_t account_id = 0;
};

class ControlPlaneTest : public ::testing::Test {
 protected:
  // Tests adjust config_ in their constructor or before calling StartServer().
  ControlPlaneTest();
  ~ControlPlaneTest() override;

  void SetUp() override { StartServer(); }
  void StartServer();
  void StopServer();

  std::string Url(const std::string& path) const;
  TestProject CreateProject(const std::string& tenant, const std::string& plan = "free");

  HttpResult Get(const std::string& path, const TestProject& who) const {
    return Send("GET", Url(path), "", {who.auth});
  }
  HttpResult Post(const std::string& path, const std::string& body, const TestProject& who) const {
    return Send("POST", Url(path), body, {who.auth, "Content-Type: application/json"});
  }
  HttpResult Delete(const std::string& path, const TestProject& who) const {
    return Send("DELETE", Url(path), "", {who.auth});
  }
  HttpResult EdgeGet(const std::string& path) const {
    return Send("GET", Url(path), "", {std::string("Authorization: Bearer ") + kEdgeToken});
  }
  HttpResult EdgePost(const std::string& path, const std::string& body) const {
    return Send(
        "POST", Url(path), body,
        {std::string("Authorization: Bearer ") + kEdgeToken, "Content-Type: application/json"});
  }
  // A console account signed up and verified the way a user does it (sign-up answers 202,
  // the emailed link logs in): a verification token of our own in the table the link is
  // checked against, without going through the mail.
  static ConsoleSession SessionFrom(const HttpResult& result);
  // A verification token for the account, as the emailed link would carry it.
  std::string InsertVerificationToken(int64_t account_id);
  ConsoleSession OpenVerificationLink(const std::string& email);
  ConsoleSession SignUpVerified(const std::string& email, const std::string& password);

  // Presigns `key` and PUTs `bytes` to the returned URL; returns the PUT's result.
  HttpResult Upload(const TestProject& who, const std::string& key, const std::string& bytes);

  TestDatabase database_;  // first in, last out: outlives every connection to it
  std::filesystem::path dir_;
  Config config_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<Database> admin_db_;
  std::unique_ptr<ProjectStore> projects_;
  std::unique_ptr<AccountStore> accounts_;
  std::unique_ptr<ApiKeyStore> keys_;
};

}  // namespace immagin::cp::testing
