// Decodes an HTTP/1.1 chunked body strictly (RFC 9112 §7.1) as its bytes arrive, with the
// total bounded before any chunk is taken. RequestSizeGuard uses it so that the size of a
// chunked body is known to the same code that bounds Content-Length bodies, and so that
// the parser behind it only ever sees canonical chunks (no extensions, no trailers).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace immagin::cp {

class ChunkedBodyDecoder {
 public:
  enum class Result { kNeedMore, kDone, kTooLarge, kMalformed };

  explicit ChunkedBodyDecoder(int64_t max_body_bytes) : max_body_bytes_(max_body_bytes) {}

  // Consumes a prefix of `data` (advancing it) and appends the decoded body bytes to `out`.
  // kDone leaves the bytes after the body in `data`; kTooLarge and kMalformed are final.
  Result Feed(std::string_view& data, std::string& out);
  int64_t decoded_bytes() const { return decoded_; }

 private:
  enum class State { kSizeLine, kData, kDataEnd, kTrailer, kDone };
  static constexpr size_t kMaxLineBytes = 4096;
  static constexpr size_t kMaxTrailerBytes = 16 * 1024;
  Result OnSizeLine();

  int64_t max_body_bytes_;
  State state_ = State::kSizeLine;
  std::string line_;        // a size or trailer line, or the CRLF after a chunk
  int64_t chunk_left_ = 0;  // data bytes of the current chunk still to come
  int64_t decoded_ = 0;     // body bytes so far
  size_t trailer_bytes_ = 0;
};

}  // namespace immagin::cp
