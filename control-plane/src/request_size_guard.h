// Reads each request's head before Pistache does and refuses a declared body larger than
// the route allows with an immediate 413, then discards that body as it arrives (O(1) per
// chunk) instead of handing it to Pistache's parser. Pure bookkeeping over bytes, so it is
// unit-testable without sockets.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace immagin::cp {

struct BodyLimits {
  int64_t upload_bytes = 0;  // PUT /uploads/…
  int64_t json_bytes = 0;    // everything else
  size_t max_head_bytes = size_t{64} * 1024;
};

class RequestSizeGuard {
 public:
  using Sink = std::function<void(std::string_view)>;
  explicit RequestSizeGuard(BodyLimits limits) : limits_(limits) {}

  // `forward` receives the bytes Pistache may parse, `reject` the raw HTTP response to send
  // when a request is refused. (Passed per call: the guard lives on the connection and
  // must not own it.)
  void Feed(std::string_view data, const Sink& forward, const Sink& reject);
  // True once the connection is beyond repair (head too large): the caller should close it.
  bool broken() const { return mode_ == Mode::kBroken; }

 private:
  enum class Mode { kHead, kBody, kDrain, kPassThrough, kBroken };
  void OnHead(size_t head_end, const Sink& forward, const Sink& reject);

  BodyLimits limits_;
  Mode mode_ = Mode::kHead;
  std::string head_;
  int64_t remaining_ = 0;  // body bytes still to forward (kBody) or drop (kDrain)
};

std::string PayloadTooLargeResponse(int64_t limit);

}  // namespace immagin::cp
