// A minimal SMTP server on loopback that records every message a client delivers (EHLO
// without STARTTLS, MAIL, RCPT, DATA, QUIT), one conversation after another, so tests see
// the bytes libcurl wrote and can open the links the control plane mails.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace immagin::cp::testing {

struct RecordedMail {
  std::string mail_from;  // as sent: "MAIL FROM:<a@b.c>"
  std::string rcpt_to;    // the bare address of the first RCPT TO
  std::string data;       // headers and body as sent, CRLF line ends
  std::string subject;    // the Subject: header's value
};

class SmtpRecorder {
 public:
  SmtpRecorder();
  ~SmtpRecorder();
  SmtpRecorder(const SmtpRecorder&) = delete;
  SmtpRecorder& operator=(const SmtpRecorder&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Everything every client sent so far.
  std::string Transcript();
  // Whether a conversation ended with QUIT.
  bool done();
  std::vector<RecordedMail> Mails();
  // The mails to `recipient` once there are at least `count` of them, or nullopt after
  // `timeout`.
  std::optional<std::vector<RecordedMail>> WaitForMails(
      const std::string& recipient, size_t count,
      std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The last link to `{anything}/console/#{fragment}=TOKEN` in a mail to `recipient` (the
  // token), waiting until there are `count` such mails; "" after `timeout`.
  std::string WaitForLinkToken(const std::string& recipient, const std::string& fragment,
                               size_t count = 1,
                               std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  void Serve();
  void Converse(int fd);

  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::string transcript_;
  std::vector<RecordedMail> mails_;
  bool done_ = false;
};

}  // namespace immagin::cp::testing
