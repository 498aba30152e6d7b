// Blocking HTTP for luna-server (libcurl): the steps' fetches and the usage batches.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "immagin/status.h"

namespace immagin::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method = "GET";
  std::string url;
  Headers headers;
  std::string body;
  int timeout_ms = 10000;
  int connect_timeout_ms = 3000;
  size_t max_body_bytes = 64u << 20;
};

struct Response {
  int status = 0;
  Headers headers;
  std::string body;
  const std::string* Header(std::string_view name) const;
};

// Transport failures and timeouts: kUnavailable; a body over max_body_bytes: kPayloadTooLarge.
immagin::Result<Response> Send(const Request& request);

}  // namespace immagin::http

namespace luna {

struct HttpResult {
  long status = 0;
  std::string body;
};

immagin::Result<HttpResult> HttpPostJson(const std::string& url, std::string_view bearer,
                                         const std::string& body, long timeout_ms);

}  // namespace luna
