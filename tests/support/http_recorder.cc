#include "http_recorder.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>

namespace immagin::testing {
namespace {

int Listen(uint16_t port, uint16_t* bound) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd, 16) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    return -1;
  }
  *bound = ntohs(address.sin_port);
  return fd;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Whether the client closed its end (a killed process's socket is closed by the kernel).
bool PeerLeft(int fd) {
  pollfd peer{fd, POLLIN | POLLRDHUP, 0};
  if (::poll(&peer, 1, 0) <= 0) return false;
  if (peer.revents & (POLLRDHUP | POLLHUP | POLLERR)) return true;
  char byte;
  return ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

}  // namespace

HttpRecorder::HttpRecorder(uint16_t port) {
  listen_fd_ = Listen(port, &port_);
  if (listen_fd_ < 0) {
    port_ = 0;
    return;
  }
  thread_ = std::thread([this] { Serve(); });
}

HttpRecorder::~HttpRecorder() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

uint16_t HttpRecorder::FreePort() {
  uint16_t port = 0;
  int fd = Listen(0, &port);
  if (fd >= 0) ::close(fd);
  return port;
}

void HttpRecorder::Answer(int status, std::string body) {
  std::lock_guard lock(mutex_);
  status_ = status;
  body_ = std::move(body);
  raw_.reset();
}

void HttpRecorder::AnswerRaw(std::string bytes) {
  std::lock_guard lock(mutex_);
  // "HTTP/1.1 200 ..." → 200, for RecordedRequest::answered.
  status_ = bytes.size() > 9 ? std::atoi(bytes.c_str() + 9) : 0;
  raw_ = std::move(bytes);
}

void HttpRecorder::FailNext(int count, int status) {
  std::lock_guard lock(mutex_);
  fail_next_ = count;
  fail_status_ = status;
}

void HttpRecorder::Delay(std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  delay_ = delay;
}

void HttpRecorder::AnswerTwice(bool twice) {
  std::lock_guard lock(mutex_);
  answer_twice_ = twice;
}

std::vector<RecordedRequest> HttpRecorder::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

bool HttpRecorder::WaitFor(
    const std::function<bool(const std::vector<RecordedRequest>&)>& predicate,
    std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (predicate(requests())) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void HttpRecorder::Serve() {
  while (!stopping_) {
    pollfd waiting{listen_fd_, POLLIN, 0};
    if (::poll(&waiting, 1, 50) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    Handle(fd);
    ::close(fd);
  }
}

void HttpRecorder::Handle(int fd) {
  timeval timeout{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string data;
  char buffer[4096];
  size_t head_end = std::string::npos;
  while (head_end == std::string::npos) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return;
    data.append(buffer, static_cast<size_t>(n));
    head_end = data.find("\r\n\r\n");
  }
  RecordedRequest request;
  request.at = std::chrono::steady_clock::now();
  std::string head = data.substr(0, head_end);
  size_t line_end = head.find("\r\n");
  std::string first = head.substr(0, line_end);
  size_t space = first.find(' ');
  request.method = first.substr(0, space);
  request.target = first.substr(space + 1, first.rfind(' ') - space - 1);
  for (size_t pos = line_end; pos != std::string::npos && pos < head.size();) {
    size_t start = pos + 2;
    size_t end = head.find("\r\n", start);
    std::string line = head.substr(start, end == std::string::npos ? end : end - start);
    if (auto colon = line.find(':'); colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      request.headers[Lower(line.substr(0, colon))] = value;
    }
    pos = end;
  }
  size_t length = 0;
  if (auto it = request.headers.find("content-length"); it != request.headers.end())
    length = std::strtoul(it->second.c_str(), nullptr, 10);
  request.body = data.substr(head_end + 4);
  while (request.body.size() < length) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    request.body.append(buffer, static_cast<size_t>(n));
  }
  int status = 0;
  std::string body;
  std::optional<std::string> raw;
  size_t index = 0;
  std::chrono::milliseconds delay{0};
  bool twice = false;
  {
    std::lock_guard lock(mutex_);
    if (fail_next_ > 0) {
      --fail_next_;
      status = fail_status_;
    } else {
      status = status_;
      body = body_;
      raw = raw_;
    }
    delay = delay_;
    twice = answer_twice_;
    request.answered = delay.count() > 0 ? 0 : status;
    index = requests_.size();
    requests_.push_back(request);
  }
  if (delay.count() > 0) {
    auto until = std::chrono::steady_clock::now() + delay;
    while (std::chrono::steady_clock::now() < until) {
      if (stopping_ || PeerLeft(fd)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (PeerLeft(fd)) return;
    std::lock_guard lock(mutex_);
    requests_[index].answered = status;
  }
  std::string response = raw.has_value() ? *raw
                                         : "HTTP/1.1 " + std::to_string(status) +
                                               " Recorded\r\nConnection: close\r\nContent-Type: "
                                               "application/json\r\nContent-Length: " +
                                               std::to_string(body.size()) + "\r\n\r\n" + body;
  if (twice) response += response;
  ::send(fd, response.data(), response.size(), MSG_NOSIGNAL);
}

}  // namespace immagin::testing
