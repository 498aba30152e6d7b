// An S3 request (path-style, `{endpoint}{path}?{query}`) signed by immagin/sigv4.h and
// ready for http::Send: the one way the native hosts (the control plane's storage, the edge
// server's originals) sign what they send to S3-compatible stores. Part of immagin_http.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "immagin/http_client.h"
#include "immagin/sigv4.h"

namespace immagin::http {

// `path` is already encoded (S3ObjectPath), `query` holds raw names and values. The caller
// sets the timeouts and the body cap on the result.
Request SignedS3Request(std::string_view method, std::string_view endpoint, std::string_view path,
                        const std::map<std::string, std::string>& query, std::string body,
                        const S3Credentials& credentials, int64_t now);

}  // namespace immagin::http
