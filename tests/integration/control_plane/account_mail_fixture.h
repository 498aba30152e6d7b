// A control plane whose mail goes over SMTP to an SmtpRecorder, with the console's account
// calls as a browser makes them: the tests open the links the server really mailed.
#pragma once

#include <sodium.h>

#include <cctype>
#include <string>
#include <vector>

#include "control_plane_fixture.h"
#include "smtp_recorder.h"

namespace immagin::cp::testing {

inline constexpr const char* kAccountPassword = "Tr0ub4dor&3-horse-battery";

class AccountMailTest : public ControlPlaneTest {
 protected:
  AccountMailTest() {
    config_.mail.smtp_url = smtp_.url();
    config_.mail.from = "Immagin <robot@immagin.test>";
    // Minimal Argon2id cost: the tests are about behaviour, not hashing strength.
    config_.accounts.pwhash_opslimit = 1;
    config_.accounts.pwhash_memlimit_bytes = 8192;
  }
  // The server (and its mail thread) stops before the recorder it talks to goes.
  ~AccountMailTest() override { StopServer(); }

  HttpResult PostJson(const std::string& path, const Json& body,
                      std::vector<std::string> headers = {}) const {
    headers.push_back("Content-Type: application/json");
    return Send("POST", Url(path), DumpJson(body), headers);
  }
  HttpResult LogIn(const std::string& email, const std::string& password) const {
    return PostJson("/v1/account/login", Json{{"email", email}, {"password", password}});
  }
  HttpResult Me(const ConsoleSession& session) const {
    return Send("GET", Url("/v1/account"), "", {session.cookie});
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
  // Mails to `recipient` whose subject starts with `subject`, as recorded so far.
  size_t MailsTo(const std::string& recipient, const std::string& subject) {
    size_t n = 0;
    for (const auto& mail : smtp_.Mails())
      n += mail.rcpt_to == recipient && mail.subject.rfind(subject, 0) == 0;
    return n;
  }
  // The hex of the BLAKE2b-256 hash the server stores for an emailed token.
  // SQL for a BLOB column as upper-case hex, on either backend.
  static std::string HexSql(const std::string& column) {
    return OnPostgres() ? "upper(encode(" + column + ", 'hex'))" : "hex(" + column + ")";
  }
  static std::string TokenHashHex(const std::string& token) {
    unsigned char hash[crypto_generichash_BYTES];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    std::string out(hex);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  }

  SmtpRecorder smtp_;  // constructed before the fixture's constructor body runs
};

}  // namespace immagin::cp::testing
