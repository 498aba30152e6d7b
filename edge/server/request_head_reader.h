// Reads each delivery request's head before Pistache does, for two reasons:
//  - Pistache 0.0.5 keeps the query only as a map, so `?sig=<valid>&sig=junk` would reach
//    Luna as one `sig` and every junk value would be a cache miss and a full render. The
//    raw target (path and query exactly as sent) is what `ParseTarget` must judge, as on
//    every other host (SPEC §3).
//  - Delivery requests have no body. Refusing any declared body (Content-Length other than
//    0, any Transfer-Encoding) keeps this reader and Pistache's parser on the same request
//    boundaries, so no body bytes can pose as a request line.
// Pure bookkeeping over bytes, so it is unit-testable without sockets.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace luna {

class RequestHeadReader {
 public:
  using Sink = std::function<void(std::string_view)>;
  static constexpr size_t kMaxHeadBytes = size_t{16} * 1024;

  // `forward` receives whole request heads for Pistache to parse (it answers each before
  // the next is forwarded, so `raw_target()` is the target of the request being handled);
  // `reject` receives the raw HTTP response to send before the connection is closed.
  void Feed(std::string_view data, const Sink& forward, const Sink& reject);
  bool broken() const { return broken_; }
  const std::string& raw_target() const { return raw_target_; }

 private:
  void OnHead(std::string head, const Sink& forward, const Sink& reject);

  std::string head_;
  std::string raw_target_;
  bool broken_ = false;
};

}  // namespace luna
