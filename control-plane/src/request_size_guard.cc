#include "request_size_guard.h"

#include <charconv>

namespace immagin::cp {
namespace {

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

}  // namespace

std::string PayloadTooLargeResponse(int64_t limit) {
  std::string body =
      "{\"error\":{\"code\":\"payload_too_large\",\"field\":\"body\",\"message\":\"the body "
      "is larger than this endpoint accepts (at most " +
      std::to_string(limit) + " bytes)\"}}";
  return "HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: application/json\r\n"
         "Cache-Control: no-store\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

void RequestSizeGuard::Feed(std::string_view data, const Sink& forward, const Sink& reject) {
  while (!data.empty()) {
    switch (mode_) {
      case Mode::kPassThrough: forward(data); return;
      case Mode::kBroken: return;
      case Mode::kBody:
      case Mode::kDrain: {
        size_t take =
            static_cast<size_t>(std::min<int64_t>(remaining_, static_cast<int64_t>(data.size())));
        if (mode_ == Mode::kBody) forward(data.substr(0, take));
        remaining_ -= static_cast<int64_t>(take);
        data.remove_prefix(take);
        if (remaining_ == 0) mode_ = Mode::kHead;
        break;
      }
      case Mode::kHead: {
        size_t before = head_.size();
        head_.append(data);
        // The blank line may straddle the previous chunk, so search from a little before.
        size_t end = head_.find("\r\n\r\n", before >= 3 ? before - 3 : 0);
        if (end == std::string::npos) {
          if (head_.size() > limits_.max_head_bytes) {
            reject("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n\r\n");
            mode_ = Mode::kBroken;
          }
          return;
        }
        size_t head_end = end + 4;
        size_t consumed_from_data = head_end - before;
        std::string_view rest = data.substr(consumed_from_data);
        OnHead(head_end, forward, reject);
        data = rest;
        break;
      }
    }
  }
}

void RequestSizeGuard::OnHead(size_t head_end, const Sink& forward, const Sink& reject) {
  std::string head = head_.substr(0, head_end);
  head_.clear();
  std::string_view text = head;
  size_t line_end = text.find("\r\n");
  std::string_view request_line = text.substr(0, line_end);
  bool upload = request_line.find(" /uploads/") != std::string_view::npos;
  int64_t limit = upload ? limits_.upload_bytes : limits_.json_bytes;
  int64_t content_length = 0;
  bool chunked = false;
  size_t pos = line_end + 2;
  while (pos < text.size()) {
    size_t next = text.find("\r\n", pos);
    if (next == std::string_view::npos || next == pos) break;
    std::string_view line = text.substr(pos, next - pos);
    if (StartsWithNoCase(line, "content-length:")) {
      std::string_view value = Trim(line.substr(15));
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), content_length);
      if (ec != std::errc() || ptr != value.data() + value.size()) content_length = 0;
    } else if (StartsWithNoCase(line, "transfer-encoding:")) {
      chunked = true;
    }
    pos = next + 2;
  }
  if (content_length > limit) {
    reject(PayloadTooLargeResponse(limit));
    mode_ = Mode::kDrain;
    remaining_ = content_length;
    return;
  }
  forward(head);
  if (chunked) {
    // The end of a chunked body is not known here; Pistache's own cap applies from now on.
    mode_ = Mode::kPassThrough;
  } else if (content_length > 0) {
    mode_ = Mode::kBody;
    remaining_ = content_length;
  }
}

}  // namespace immagin::cp
