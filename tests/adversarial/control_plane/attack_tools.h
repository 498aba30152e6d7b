// What the attacks need beyond the integration fixture: a raw TCP connection that writes
// exactly the bytes given (nothing normalised, as curl would) and reads whole responses
// with a deadline, and the control plane as a child process whose CPU time can be read.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "immagin/json.h"

namespace immagin::cp::testing {

using namespace std::chrono_literals;

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
  Json json() const {
    auto parsed = ParseJson(body, "body", 16);
    return parsed.ok() ? parsed.value() : Json();
  }
  std::string field() const {
    Json j = json();
    if (!j.is_object() || !j.contains("error") || !j["error"].contains("field")) return "";
    return j["error"]["field"].get<std::string>();
  }
};

class RawConnection {
 public:
  explicit RawConnection(int port, const char* source_ip = "127.0.0.1") {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in source{};
    source.sin_family = AF_INET;
    ::inet_pton(AF_INET, source_ip, &source.sin_addr);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&source), sizeof source);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  int fd() const { return fd_; }

  // Writes all of `bytes` unless the server stops reading for `deadline` or closes.
  bool Send(std::string_view bytes, std::chrono::milliseconds deadline = 10s) {
    auto until = std::chrono::steady_clock::now() + deadline;
    while (!bytes.empty()) {
      pollfd p{fd_, POLLOUT, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // One whole response (its body framed by Content-Length), or nothing by the deadline.
  std::optional<RawResponse> Read(std::chrono::milliseconds deadline = 5s) {
    auto until = std::chrono::steady_clock::now() + deadline;
    for (;;) {
      if (auto response = Take()) return response;
      pollfd p{fd_, POLLIN, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0)
        return std::nullopt;
      char chunk[65536];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) {
        closed_ = true;
        return Take();
      }
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

  // True when the server closes the connection (or resets it) within `deadline`.
  bool ClosedBy(std::chrono::milliseconds deadline) {
    auto until = std::chrono::steady_clock::now() + deadline;
    while (!closed_) {
      pollfd p{fd_, POLLIN, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      char chunk[65536];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0)
        closed_ = true;
      else
        buffer_.append(chunk, static_cast<size_t>(n));
    }
    return true;
  }
  const std::string& unread() const { return buffer_; }

 private:
  std::optional<RawResponse> Take() {
    size_t head_end = buffer_.find("\r\n\r\n");
    if (head_end == std::string::npos) return std::nullopt;
    RawResponse response;
    std::istringstream head(buffer_.substr(0, head_end));
    std::string line;
    std::getline(head, line);
    if (line.size() >= 12) response.status = std::atoi(line.substr(9, 3).c_str());
    size_t length = 0;
    while (std::getline(head, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      response.headers[name] = value;
      if (name == "content-length") length = std::strtoul(value.c_str(), nullptr, 10);
    }
    if (buffer_.size() < head_end + 4 + length) return std::nullopt;
    response.body = buffer_.substr(head_end + 4, length);
    buffer_.erase(0, head_end + 4 + length);
    return response;
  }

  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
  std::string buffer_;
};

// CPU seconds (user + system) a process has used so far, from /proc/PID/stat.
inline double ProcessCpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(stat.substr(close + 2));
  std::vector<std::string> values;
  for (std::string v; fields >> v;) values.push_back(v);
  if (values.size() < 13) return -1;
  // Fields 14 and 15 of stat (utime, stime); values[0] is field 3.
  return (std::stod(values[11]) + std::stod(values[12])) /
         static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// immagin-control-plane as a child process: its stdout lines tell the ports.
class ChildControlPlane {
 public:
  // stderr (the JSON log) goes to `log_path`, so a chatty child never blocks on a pipe.
  ChildControlPlane(std::vector<std::string> args, std::string log_path,
                    std::vector<std::string> env = {})
      : log_path_(std::move(log_path)) {
    int out[2];
    if (::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      int log = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(log, 2);
      ::close(out[0]);
      for (const auto& pair : env) ::putenv(const_cast<char*>(pair.c_str()));
      std::vector<char*> argv{const_cast<char*>(IMMAGIN_CONTROL_PLANE_BIN)};
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(IMMAGIN_CONTROL_PLANE_BIN, argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    stdout_ = ::fdopen(out[0], "r");
  }
  ~ChildControlPlane() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (stdout_) std::fclose(stdout_);
  }
  // The next stdout line ("" at end of output).
  std::string Line() {
    char line[512] = {};
    if (!stdout_ || !std::fgets(line, sizeof line, stdout_)) return "";
    return line;
  }
  // Waits for the exit; its status code (-1 if killed).
  int Wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string Stderr() const {
    std::ifstream in(log_path_);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::string log_path_;
  FILE* stdout_ = nullptr;
};

// "listening on 127.0.0.1:PORT" → PORT (0 when the line is something else).
inline int PortOf(const std::string& line) {
  auto colon = line.rfind(':');
  if (colon == std::string::npos) return 0;
  return std::atoi(line.c_str() + colon + 1);
}

}  // namespace immagin::cp::testing
