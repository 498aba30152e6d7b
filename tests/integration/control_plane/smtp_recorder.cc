#include "smtp_recorder.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstring>
#include <regex>

namespace immagin::cp::testing {
namespace {

std::string Between(const std::string& text, char open, char close) {
  auto from = text.find(open);
  auto to = text.find(close, from);
  if (from == std::string::npos || to == std::string::npos) return text;
  return text.substr(from + 1, to - from - 1);
}

std::string HeaderValue(const std::string& data, const std::string& name) {
  std::string key = "\r\n" + name + ": ";
  std::string text = "\r\n" + data;
  auto at = text.find(key);
  if (at == std::string::npos) return "";
  at += key.size();
  return text.substr(at, text.find("\r\n", at) - at);
}

}  // namespace

SmtpRecorder::SmtpRecorder() {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::listen(listener_, 8);
  socklen_t length = sizeof address;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

SmtpRecorder::~SmtpRecorder() {
  ::shutdown(listener_, SHUT_RDWR);
  ::close(listener_);
  thread_.join();
}

std::string SmtpRecorder::Transcript() {
  std::lock_guard lock(mutex_);
  return transcript_;
}

bool SmtpRecorder::done() {
  std::lock_guard lock(mutex_);
  return done_;
}

std::vector<RecordedMail> SmtpRecorder::Mails() {
  std::lock_guard lock(mutex_);
  return mails_;
}

std::optional<std::vector<RecordedMail>> SmtpRecorder::WaitForMails(
    const std::string& recipient, size_t count, std::chrono::milliseconds timeout) {
  auto end = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::vector<RecordedMail> found;
    for (auto& mail : Mails())
      if (mail.rcpt_to == recipient) found.push_back(std::move(mail));
    if (found.size() >= count) return found;
    if (std::chrono::steady_clock::now() > end) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string SmtpRecorder::WaitForLinkToken(const std::string& recipient,
                                           const std::string& fragment, size_t count,
                                           std::chrono::milliseconds timeout) {
  std::regex link("/console/#" + fragment + "=([A-Za-z0-9_-]+)");
  auto end = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::vector<std::string> tokens;
    for (const auto& mail : Mails()) {
      std::smatch match;
      if (mail.rcpt_to == recipient && std::regex_search(mail.data, match, link))
        tokens.push_back(match[1].str());
    }
    if (tokens.size() >= count) return tokens.back();
    if (std::chrono::steady_clock::now() > end) return "";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void SmtpRecorder::Serve() {
  for (;;) {
    int fd = ::accept(listener_, nullptr, nullptr);
    if (fd < 0) return;  // the listener was shut down
    Converse(fd);
    ::close(fd);
  }
}

void SmtpRecorder::Converse(int fd) {
  auto say = [fd](const char* line) { (void)::write(fd, line, std::strlen(line)); };
  say("220 recorder ESMTP\r\n");
  std::string buffer;
  bool in_data = false;
  RecordedMail mail;
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
        mail.data = buffer.substr(0, end + 2);
        mail.subject = HeaderValue(mail.data, "Subject");
        buffer.erase(0, end + 5);
        in_data = false;
        {
          std::lock_guard lock(mutex_);
          mails_.push_back(mail);
        }
        mail = RecordedMail{};
        say("250 queued\r\n");
        continue;
      }
      auto eol = buffer.find("\r\n");
      if (eol == std::string::npos) break;
      std::string line = buffer.substr(0, eol);
      buffer.erase(0, eol + 2);
      if (line.rfind("DATA", 0) == 0) {
        in_data = true;
        say("354 go on\r\n");
      } else if (line.rfind("MAIL FROM:", 0) == 0) {
        mail.mail_from = line;
        say("250 ok\r\n");
      } else if (line.rfind("RCPT TO:", 0) == 0) {
        if (mail.rcpt_to.empty()) mail.rcpt_to = Between(line, '<', '>');
        say("250 ok\r\n");
      } else if (line.rfind("QUIT", 0) == 0) {
        say("221 bye\r\n");
        std::lock_guard lock(mutex_);
        done_ = true;
        return;
      } else {
        say("250 ok\r\n");
      }
    }
  }
}

}  // namespace immagin::cp::testing
