// Sits in front of Pistache's parser on every connection and owns the request framing:
// it reads each head first, refuses what Pistache would get wrong or slowly (a body larger
// than the route allows, conflicting lengths, Transfer-Encoding with Content-Length, an
// unknown transfer coding, malformed lines), bounds chunked bodies by their decoded size
// and hands Pistache canonical chunks only. After every hand-over it asks the parser
// whether it agrees where the request stands; if not (Pistache refused a head the guard
// accepted), the rest of the connection is discarded, so body bytes can never be taken
// for requests. Pure bookkeeping over bytes, so it is unit-testable without sockets.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/chunked_body_decoder.h"

namespace immagin::cp {

struct BodyLimits {
  int64_t upload_bytes = 0;  // PUT /uploads/…
  int64_t json_bytes = 0;    // everything else
  size_t max_head_bytes = size_t{64} * 1024;
};

class RequestSizeGuard {
 public:
  // Where the parser must be once it has taken the bytes handed to it.
  enum class Expect { kBodyPending, kRequestDone };
  // Hands bytes to the parser; false when the parser is not where `expect` says (it
  // refused the request): the guard then stops forwarding for good.
  using Forward = std::function<bool(std::string_view bytes, Expect expect)>;
  // Sends a raw HTTP response; `close` asks the caller to end the connection after it.
  using Reject = std::function<void(std::string_view response, bool close)>;
  // Looks at a request line (method, target) before its body is read: a raw HTTP response
  // to answer at once (the body is then dropped unread), or nothing to go on.
  using HeadCheck =
      std::function<std::optional<std::string>(std::string_view method, std::string_view target)>;

  explicit RequestSizeGuard(BodyLimits limits, HeadCheck head_check = nullptr)
      : limits_(limits), head_check_(std::move(head_check)) {}

  // Passed per call: the guard lives on the connection and must not own it.
  void Feed(std::string_view data, const Forward& forward, const Reject& reject);
  // True once the connection is beyond repair: the caller may close it.
  bool broken() const { return mode_ == Mode::kBroken; }

 private:
  enum class Mode { kHead, kBody, kChunked, kDrain, kBroken };
  void OnHead(std::string_view head, const Forward& forward, const Reject& reject);
  void Fail(const Reject& reject, int status, std::string_view field, std::string_view message);
  void ForwardOrBreak(std::string_view bytes, Expect expect, const Forward& forward);

  BodyLimits limits_;
  HeadCheck head_check_;
  Mode mode_ = Mode::kHead;
  std::string head_;
  int64_t remaining_ = 0;  // body bytes still to forward (kBody) or drop (kDrain)
  int64_t limit_ = 0;      // the current request's body limit
  std::unique_ptr<ChunkedBodyDecoder> chunked_;
};

// A complete JSON error response ({"error":{code, field, message}}), for answers given
// before Pistache has parsed the request.
std::string RawErrorResponse(int status, std::string_view code, std::string_view field,
                             std::string_view message, bool close);
std::string PayloadTooLargeResponse(int64_t limit);

}  // namespace immagin::cp
