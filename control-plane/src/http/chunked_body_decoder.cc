#include "http/chunked_body_decoder.h"

#include <algorithm>

namespace immagin::cp {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

ChunkedBodyDecoder::Result ChunkedBodyDecoder::OnSizeLine() {
  // chunk-size [ chunk-ext ] CRLF; extensions are allowed and ignored.
  std::string_view line(line_);
  line.remove_suffix(2);
  size_t digits = 0;
  int64_t size = 0;
  for (; digits < line.size() && HexDigit(line[digits]) >= 0; ++digits) {
    if (digits >= 15) return Result::kMalformed;  // 16^15 bytes: no overflow below that
    size = size * 16 + HexDigit(line[digits]);
  }
  if (digits == 0) return Result::kMalformed;
  std::string_view rest = line.substr(digits);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  if (!rest.empty() && rest.front() != ';') return Result::kMalformed;
  if (rest.find_first_of("\r\n") != std::string_view::npos) return Result::kMalformed;
  line_.clear();
  if (size > max_body_bytes_ - decoded_) return Result::kTooLarge;
  if (size == 0) {
    state_ = State::kTrailer;
  } else {
    chunk_left_ = size;
    state_ = State::kData;
  }
  return Result::kNeedMore;
}

ChunkedBodyDecoder::Result ChunkedBodyDecoder::Feed(std::string_view& data, std::string& out) {
  while (!data.empty()) {
    switch (state_) {
      case State::kDone: return Result::kDone;
      case State::kData: {
        size_t take =
            static_cast<size_t>(std::min<int64_t>(chunk_left_, static_cast<int64_t>(data.size())));
        out.append(data.substr(0, take));
        data.remove_prefix(take);
        chunk_left_ -= static_cast<int64_t>(take);
        decoded_ += static_cast<int64_t>(take);
        if (chunk_left_ == 0) state_ = State::kDataEnd;
        break;
      }
      case State::kDataEnd: {
        line_.push_back(data.front());
        data.remove_prefix(1);
        if (line_.size() < 2) break;
        if (line_ != "\r\n") return Result::kMalformed;
        line_.clear();
        state_ = State::kSizeLine;
        break;
      }
      case State::kSizeLine:
      case State::kTrailer: {
        // A line ends at CRLF; a bare LF or CR inside it is malformed (smuggling fodder).
        char c = data.front();
        data.remove_prefix(1);
        line_.push_back(c);
        if (state_ == State::kTrailer && ++trailer_bytes_ > kMaxTrailerBytes)
          return Result::kMalformed;
        if (line_.size() > kMaxLineBytes) return Result::kMalformed;
        if (c == '\n') {
          if (line_.size() < 2 || line_[line_.size() - 2] != '\r') return Result::kMalformed;
          if (state_ == State::kSizeLine) {
            if (Result result = OnSizeLine(); result != Result::kNeedMore) return result;
          } else if (line_ == "\r\n") {
            line_.clear();
            state_ = State::kDone;
            return Result::kDone;
          } else {
            if (line_.find('\r') != line_.size() - 2) return Result::kMalformed;
            line_.clear();  // a trailer field: dropped
          }
        } else if (c != '\r' && !line_.empty() && line_.size() >= 2 &&
                   line_[line_.size() - 2] == '\r') {
          return Result::kMalformed;  // CR not followed by LF
        }
        break;
      }
    }
  }
  return state_ == State::kDone ? Result::kDone : Result::kNeedMore;
}

}  // namespace immagin::cp
