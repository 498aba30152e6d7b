// Blocking HTTP for the native edge host (libcurl): tenant configs, originals and usage
// batches from/to the control plane. One call per request; no shared handles.
#pragma once

#include <string>
#include <string_view>

#include "immagin/status.h"

namespace luna {

struct HttpResult {
  long status = 0;
  std::string body;
  std::string etag;
};

immagin::Result<HttpResult> HttpGet(const std::string& url, std::string_view bearer,
                                    long timeout_ms);
immagin::Result<HttpResult> HttpPostJson(const std::string& url, std::string_view bearer,
                                         const std::string& body, long timeout_ms);

// RFC 3986 percent-encoding of one path segment.
std::string EncodePathSegment(std::string_view segment);

}  // namespace luna
