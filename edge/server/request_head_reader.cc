#include "request_head_reader.h"

#include <cctype>

namespace luna {
namespace {

bool StartsWithNoCase(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != lower_prefix[i]) return false;
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string Refusal(int status, std::string_view reason, std::string_view field,
                    std::string_view message) {
  const std::string body = "{\"error\":{\"code\":\"invalid_argument\",\"field\":\"" +
                           std::string(field) + "\",\"message\":\"" + std::string(message) + "\"}}";
  return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) +
         "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: "
         "close\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

void RequestHeadReader::Feed(std::string_view data, const Sink& forward, const Sink& reject) {
  while (!data.empty() && !broken_) {
    const size_t before = head_.size();
    head_.append(data);
    // The blank line may straddle the previous chunk, so search from a little before.
    const size_t end = head_.find("\r\n\r\n", before >= 3 ? before - 3 : 0);
    if (end == std::string::npos) {
      if (head_.size() > kMaxHeadBytes) {
        reject(Refusal(431, "Request Header Fields Too Large", "headers",
                       "the request head is too large"));
        broken_ = true;
      }
      return;
    }
    const size_t head_end = end + 4;
    data.remove_prefix(head_end - before);
    std::string head = head_.substr(0, head_end);
    head_.clear();
    OnHead(std::move(head), forward, reject);
  }
}

void RequestHeadReader::OnHead(std::string head, const Sink& forward, const Sink& reject) {
  std::string_view text = head;
  const size_t line_end = text.find("\r\n");
  const std::string_view line = text.substr(0, line_end);
  const size_t first_space = line.find(' ');
  const size_t second_space =
      first_space == std::string_view::npos ? first_space : line.find(' ', first_space + 1);
  raw_target_ = second_space == std::string_view::npos
                    ? std::string()
                    : std::string(line.substr(first_space + 1, second_space - first_space - 1));
  for (size_t pos = line_end + 2; pos < text.size();) {
    const size_t next = text.find("\r\n", pos);
    if (next == std::string_view::npos || next == pos) break;
    const std::string_view header = text.substr(pos, next - pos);
    const bool body_length =
        StartsWithNoCase(header, "content-length:") && Trim(header.substr(15)) != "0";
    if (body_length || StartsWithNoCase(header, "transfer-encoding:")) {
      reject(Refusal(400, "Bad Request", "body", "delivery requests have no body"));
      broken_ = true;
      return;
    }
    pos = next + 2;
  }
  forward(head);
}

}  // namespace luna
