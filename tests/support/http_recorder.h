// A real HTTP server on loopback that records every request and answers with a status
// (and body) the test chooses, or with raw bytes framed right or wrong: for the control
// plane's outgoing calls (CDN purges) and the HTTP client's own tests. One request per
// connection, answered with `Connection: close`.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace immagin::testing {

struct RecordedRequest {
  std::string method;
  std::string target;                          // path and query as sent
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  int answered = 0;  // the status it got; 0 while held, or when the client left first
  std::chrono::steady_clock::time_point at;
};

class HttpRecorder {
 public:
  // Port 0: any free port. A fixed port lets a test start the recorder where a client
  // already points (to turn "connection refused" into a working server).
  explicit HttpRecorder(uint16_t port = 0);
  ~HttpRecorder();
  HttpRecorder(const HttpRecorder&) = delete;
  HttpRecorder& operator=(const HttpRecorder&) = delete;

  bool running() const { return port_ != 0; }
  uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Answers `status` and `body` from now on.
  void Answer(int status, std::string body = "");
  // Writes `bytes` as the whole answer from now on, as they are: any status line, headers
  // and framing (chunked, a Content-Length the body never reaches, ...).
  void AnswerRaw(std::string bytes);
  // The next `count` requests get `status` instead (then the default again).
  void FailNext(int count, int status = 500);
  // Holds every answer this long from now on, as a slow or hung CDN does: the request is
  // recorded when it has arrived, and answered only if its client is still connected.
  void Delay(std::chrono::milliseconds delay);
  // Writes every answer twice on the connection from now on (a confused proxy).
  void AnswerTwice(bool twice);

  std::vector<RecordedRequest> requests() const;
  // Waits until `predicate` holds for the recorded requests or `timeout` passes.
  bool WaitFor(const std::function<bool(const std::vector<RecordedRequest>&)>& predicate,
               std::chrono::milliseconds timeout) const;

  // A port nothing listens on right now (bound, then released).
  static uint16_t FreePort();

 private:
  void Serve();
  void Handle(int fd);

  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  int status_ = 200;
  std::string body_;
  std::optional<std::string> raw_;
  int fail_next_ = 0;
  int fail_status_ = 500;
  std::chrono::milliseconds delay_{0};
  bool answer_twice_ = false;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;
};

}  // namespace immagin::testing
