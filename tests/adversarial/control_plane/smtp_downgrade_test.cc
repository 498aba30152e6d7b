// A relay (or someone in between) that does not offer STARTTLS: the SMTP credentials and
// the verification link must not then go over the wire in clear.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <thread>

#include "control_plane_fixture.h"

namespace immagin::cp::testing {
namespace {

using namespace std::chrono_literals;

// An SMTP server on loopback that offers AUTH but never STARTTLS, as a downgrading
// attacker would, and records every byte the client sends.
class PlainSmtpRecorder {
 public:
  PlainSmtpRecorder() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 8);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
      for (int fd; (fd = ::accept(listener_, nullptr, nullptr)) >= 0;) Serve(fd);
    });
  }
  ~PlainSmtpRecorder() {
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }
  int port() const { return port_; }
  std::string Transcript() {
    std::lock_guard lock(mutex_);
    return transcript_;
  }

 private:
  void Serve(int fd) {
    auto say = [fd](const char* line) { (void)::write(fd, line, std::strlen(line)); };
    say("220 recorder ESMTP\r\n");
    std::string buffer;
    bool in_data = false;
    char chunk[4096];
    for (ssize_t n; (n = ::read(fd, chunk, sizeof chunk)) > 0;) {
      buffer.append(chunk, static_cast<size_t>(n));
      {
        std::lock_guard lock(mutex_);
        transcript_.append(chunk, static_cast<size_t>(n));
      }
      for (;;) {
        if (in_data) {
          auto end = buffer.find("\r\n.\r\n");
          if (end == std::string::npos) break;
          buffer.erase(0, end + 5);
          in_data = false;
          say("250 queued\r\n");
          continue;
        }
        auto eol = buffer.find("\r\n");
        if (eol == std::string::npos) break;
        std::string line = buffer.substr(0, eol);
        buffer.erase(0, eol + 2);
        if (line.rfind("EHLO", 0) == 0) {
          say("250-recorder\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n");
        } else if (line.rfind("STARTTLS", 0) == 0) {
          say("454 TLS not available\r\n");
        } else if (line.rfind("AUTH", 0) == 0) {
          say("235 accepted\r\n");
        } else if (line.rfind("DATA", 0) == 0) {
          in_data = true;
          say("354 go on\r\n");
        } else if (line.rfind("QUIT", 0) == 0) {
          say("221 bye\r\n");
        } else {
          say("250 ok\r\n");
        }
      }
    }
    ::close(fd);
  }

  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::string transcript_;
};

class SmtpDowngradeAttack : public ControlPlaneTest {
 protected:
  SmtpDowngradeAttack() {
    config_.accounts.pwhash_opslimit = 1;
    config_.accounts.pwhash_memlimit_bytes = 8192;
  }
  void SetUp() override {}  // each test starts the server once the relay is known

  void StartWithRelay(const std::string& username, const std::string& password) {
    config_.mail.smtp_url = "smtp://127.0.0.1:" + std::to_string(relay_.port());
    config_.mail.smtp_username = username;
    config_.mail.smtp_password = password;
    StartServer();
    auto signup = Send("POST", Url("/v1/account/signup"),
                       R"({"email":"mail@example.com","password":"a long enough password"})",
                       {"Content-Type: application/json"});
    // (Its status is not the point here: the verification email it queues is.)
    ASSERT_TRUE(signup.status / 100 == 2) << signup.body;
  }
  // Waits until the outbox sender has tried the verification email once.
  struct OutboxRow {
    int64_t attempts = 0;
    bool sent = false;
    std::string body;
  };
  OutboxRow WaitForAttempt() {
    OutboxRow row;
    auto until = std::chrono::steady_clock::now() + 15s;
    while (std::chrono::steady_clock::now() < until) {
      EXPECT_TRUE(admin_db_
                      ->Run([&](Connection& db) -> Status {
                        Statement read(db,
                                       "SELECT attempts, sent_at IS NOT NULL, body FROM "
                                       "email_outbox WHERE recipient = 'mail@example.com'");
                        if (read.Step()) row = {read.Int(0), read.Int(1) != 0, read.Text(2)};
                        return {};
                      })
                      .ok());
      if (row.attempts > 0) break;
      std::this_thread::sleep_for(50ms);
    }
    return row;
  }

  PlainSmtpRecorder relay_;
};

TEST_F(SmtpDowngradeAttack, WithCredentialsAStrippedStartTlsStopsTheSend) {
  StartWithRelay("mailer", "smtp-password-in-clear");
  OutboxRow row = WaitForAttempt();
  EXPECT_EQ(row.attempts, 1) << "the sender tried";
  EXPECT_FALSE(row.sent) << "the message went out over plain text";
  EXPECT_NE(row.body.find("/console/#verify="), std::string::npos) << "the message is kept";
  std::string transcript = relay_.Transcript();
  EXPECT_EQ(transcript.find("AUTH"), std::string::npos) << transcript;
  EXPECT_EQ(transcript.find("MAIL FROM"), std::string::npos) << transcript;
  EXPECT_EQ(transcript.find("verify="), std::string::npos) << transcript;
}

TEST_F(SmtpDowngradeAttack, WithoutCredentialsALoopbackRelayStillGetsTheMail) {
  StartWithRelay("", "");
  OutboxRow row = WaitForAttempt();
  EXPECT_TRUE(row.sent);
  EXPECT_NE(relay_.Transcript().find("MAIL FROM"), std::string::npos);
}

}  // namespace
}  // namespace immagin::cp::testing
