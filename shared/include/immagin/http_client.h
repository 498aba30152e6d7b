// The one native HTTP client (libcurl) of the edge server, the control plane and their
// tests: blocking, one request per call, with timeouts and a cap on the response body, so
// no peer can make us wait or buffer without bound. Native only: target immagin_http
// (shared/http/), never built for wasm; S3 requests are signed by immagin/sigv4.h first.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "immagin/status.h"

namespace immagin::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method = "GET";  // GET, HEAD, PUT, POST, DELETE, ...
  std::string url;             // http:// or https:// only
  // Sent as given, and nothing libcurl would add on its own: no `Expect: 100-continue`, no
  // form Content-Type on an untyped body.
  Headers headers;
  std::string body;        // sent when non-empty or for PUT/POST
  int timeout_ms = 10000;  // whole transfer
  int connect_timeout_ms = 3000;
  size_t max_body_bytes = 64u << 20;  // response body cap (a HEAD's Content-Length is no body)
};

struct Response {
  int status = 0;
  Headers headers;  // names as received, of the final response only
  std::string body;
  // Case-insensitive; nullptr when absent. The first of repeated headers.
  const std::string* Header(std::string_view name) const;
};

// Transport failures and timeouts: ErrorCode::kUnavailable with a message naming the URL's
// host (never the query: presigned URLs carry credentials). A body over max_body_bytes
// (by Content-Length before reading, or while reading): ErrorCode::kPayloadTooLarge.
// A URL that is not http(s), a header with a line break or a timeout that is not positive:
// ErrorCode::kInvalidArgument, nothing sent. Safe to call from any thread.
immagin::Result<Response> Send(const Request& request);

}  // namespace immagin::http
