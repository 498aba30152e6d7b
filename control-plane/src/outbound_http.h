// One outgoing HTTP request over libcurl with a hard timeout, for the control plane's calls
// to other services (CDN purges). The answer's body is capped: a peer cannot make us
// buffer more than we read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace immagin::cp {

struct OutboundRequest {
  std::string method;
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  int64_t timeout_ms = 5000;
};

struct OutboundResponse {
  long status = 0;    // 0 when no answer came
  std::string error;  // transport failure, empty otherwise
  std::string body;   // at most 64 KiB
};

OutboundResponse SendOutbound(const OutboundRequest& request);

}  // namespace immagin::cp
