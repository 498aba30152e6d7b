#include "http/request_size_guard.h"

#include <charconv>

#include "immagin/json.h"

namespace immagin::cp {
namespace {

bool EqualsNoCase(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != lower[i]) return false;
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// RFC 9110 token characters (header names); anything else, spaces included, is refused
// rather than interpreted, since each parser interprets it differently.
bool IsToken(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    bool ok = std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) !=
                                     std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 410: return "Gone";
    case 413: return "Request Entity Too Large";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    default: return "Error";
  }
}

std::string ChunkOf(std::string_view data) {
  char size[20];
  auto [end, ec] = std::to_chars(size, size + sizeof size, data.size(), 16);
  (void)ec;
  std::string chunk(size, end);
  chunk += "\r\n";
  chunk.append(data);
  chunk += "\r\n";
  return chunk;
}

}  // namespace

std::string RawErrorResponse(int status, std::string_view code, std::string_view field,
                             std::string_view message, bool close) {
  Json error{{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  std::string body = DumpJson(Json{{"error", error}});
  return "HTTP/1.1 " + std::to_string(status) + " " + ReasonPhrase(status) +
         "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n" +
         (close ? "Connection: close\r\n" : "") + "Content-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

std::string PayloadTooLargeResponse(int64_t limit) {
  return RawErrorResponse(
      413, "payload_too_large", "body",
      "the body is larger than this endpoint accepts (at most " + std::to_string(limit) + " bytes)",
      false);
}

void RequestSizeGuard::Fail(const Reject& reject, int status, std::string_view field,
                            std::string_view message) {
  const char* code = status == 413   ? "payload_too_large"
                     : status == 431 ? "header_too_large"
                     : status == 501 ? "not_implemented"
                                     : "invalid_argument";
  reject(RawErrorResponse(status, code, field, message, true), true);
  mode_ = Mode::kBroken;
  head_.clear();
  chunked_.reset();
}

void RequestSizeGuard::ForwardOrBreak(std::string_view bytes, Expect expect,
                                      const Forward& forward) {
  if (!forward(bytes, expect)) {
    // Pistache answered (its own 4xx) and forgot the request; what follows on this
    // connection can no longer be framed the same way by both, so none of it is parsed.
    mode_ = Mode::kBroken;
    head_.clear();
    chunked_.reset();
  }
}

void RequestSizeGuard::Feed(std::string_view data, const Forward& forward, const Reject& reject) {
  while (!data.empty()) {
    switch (mode_) {
      case Mode::kBroken: return;
      case Mode::kBody:
      case Mode::kDrain: {
        size_t take =
            static_cast<size_t>(std::min<int64_t>(remaining_, static_cast<int64_t>(data.size())));
        remaining_ -= static_cast<int64_t>(take);
        if (mode_ == Mode::kBody)
          ForwardOrBreak(data.substr(0, take),
                         remaining_ == 0 ? Expect::kRequestDone : Expect::kBodyPending, forward);
        data.remove_prefix(take);
        if (remaining_ == 0 && mode_ != Mode::kBroken) mode_ = Mode::kHead;
        break;
      }
      case Mode::kChunked: {
        std::string decoded;
        auto result = chunked_->Feed(data, decoded);
        if (result == ChunkedBodyDecoder::Result::kTooLarge)
          return Fail(reject, 413, "body",
                      "the chunked body is larger than this endpoint accepts (at most " +
                          std::to_string(limit_) + " bytes)");
        if (result == ChunkedBodyDecoder::Result::kMalformed)
          return Fail(reject, 400, "Transfer-Encoding", "malformed chunked body");
        // Re-chunked as one chunk per read: the parser sees no extensions or trailers.
        std::string canonical = decoded.empty() ? "" : ChunkOf(decoded);
        if (result == ChunkedBodyDecoder::Result::kDone) {
          canonical += "0\r\n\r\n";
          chunked_.reset();
          mode_ = Mode::kHead;
          ForwardOrBreak(canonical, Expect::kRequestDone, forward);
        } else if (!canonical.empty()) {
          ForwardOrBreak(canonical, Expect::kBodyPending, forward);
        }
        break;
      }
      case Mode::kHead: {
        size_t before = head_.size();
        head_.append(data);
        // The blank line may straddle the previous chunk, so search from a little before.
        size_t end = head_.find("\r\n\r\n", before >= 3 ? before - 3 : 0);
        if (end == std::string::npos) {
          if (head_.size() > limits_.max_head_bytes)
            return Fail(reject, 431, "headers", "the request head is too large");
          return;
        }
        size_t head_end = end + 4;
        if (head_end > limits_.max_head_bytes)
          return Fail(reject, 431, "headers", "the request head is too large");
        data.remove_prefix(head_end - before);
        std::string head = head_.substr(0, head_end);
        head_.clear();
        OnHead(head, forward, reject);
        break;
      }
    }
  }
}

void RequestSizeGuard::OnHead(std::string_view head, const Forward& forward, const Reject& reject) {
  // Every line ends in CRLF; a CR or LF anywhere else is how requests get smuggled.
  for (size_t i = 0; i < head.size(); ++i) {
    bool crlf = head[i] == '\r' && i + 1 < head.size() && head[i + 1] == '\n';
    if (crlf) {
      ++i;
    } else if (head[i] == '\r' || head[i] == '\n' || head[i] == '\0') {
      return Fail(reject, 400, "headers", "a bare CR, LF or NUL in the request head");
    }
  }
  size_t line_end = head.find("\r\n");
  std::string_view request_line = head.substr(0, line_end);
  size_t space = request_line.find(' ');
  size_t second = request_line.find(' ', space == std::string_view::npos ? space : space + 1);
  if (space == std::string_view::npos || space == 0 || second == std::string_view::npos ||
      request_line.find(' ', second + 1) != std::string_view::npos)
    return Fail(reject, 400, "request", "malformed request line");
  std::string_view method = request_line.substr(0, space);
  std::string_view target = request_line.substr(space + 1, second - space - 1);
  bool upload = target.rfind("/uploads/", 0) == 0;
  limit_ = upload ? limits_.upload_bytes : limits_.json_bytes;

  std::optional<int64_t> content_length;
  int transfer_encodings = 0;
  bool chunked = false;
  for (size_t pos = line_end + 2; pos < head.size();) {
    size_t next = head.find("\r\n", pos);
    if (next == pos) break;  // the blank line
    std::string_view line = head.substr(pos, next - pos);
    pos = next + 2;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || !IsToken(line.substr(0, colon)))
      return Fail(reject, 400, "headers", "malformed header line");
    std::string_view name = line.substr(0, colon);
    std::string_view value = Trim(line.substr(colon + 1));
    if (EqualsNoCase(name, "content-length")) {
      if (content_length)
        return Fail(reject, 400, "Content-Length", "more than one Content-Length header");
      int64_t parsed = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
      if (value.empty() || value.size() > 18 || value.front() < '0' || value.front() > '9' ||
          ec != std::errc() || ptr != value.data() + value.size())
        return Fail(reject, 400, "Content-Length", "must be a decimal number of bytes");
      content_length = parsed;
    } else if (EqualsNoCase(name, "transfer-encoding")) {
      ++transfer_encodings;
      chunked = EqualsNoCase(value, "chunked");
      if (!chunked) return Fail(reject, 501, "Transfer-Encoding", "only 'chunked' is supported");
    }
  }
  if (transfer_encodings > 1)
    return Fail(reject, 400, "Transfer-Encoding", "more than one Transfer-Encoding header");
  if (chunked && content_length)
    return Fail(reject, 400, "Transfer-Encoding",
                "Transfer-Encoding and Content-Length together are ambiguous");
  int64_t length = content_length.value_or(0);
  if (length > limit_) {
    reject(PayloadTooLargeResponse(limit_), false);
    mode_ = Mode::kDrain;
    remaining_ = length;
    return;
  }
  if (head_check_) {
    if (auto answer = head_check_(method, target)) {
      if (chunked) {
        reject(*answer, true);
        mode_ = Mode::kBroken;
        return;
      }
      reject(*answer, false);
      mode_ = length > 0 ? Mode::kDrain : Mode::kHead;
      remaining_ = length;
      return;
    }
  }
  if (chunked) {
    chunked_ = std::make_unique<ChunkedBodyDecoder>(limit_);
    mode_ = Mode::kChunked;
    ForwardOrBreak(head, Expect::kBodyPending, forward);
  } else if (length > 0) {
    mode_ = Mode::kBody;
    remaining_ = length;
    ForwardOrBreak(head, Expect::kBodyPending, forward);
  } else {
    mode_ = Mode::kHead;
    ForwardOrBreak(head, Expect::kRequestDone, forward);
  }
}

}  // namespace immagin::cp
