// Blocking HTTP for the native edge host (libcurl): tenant configs, originals and usage
// batches from/to the control plane. One call per request; no shared handles.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "immagin/status.h"

namespace luna {

struct HttpResult {
  long status = 0;
  std::string body;
  std::string etag;
};

// Bodies larger than `max_body_bytes` are refused as they arrive (by Content-Length, or
// when the bytes pass it): a 413 error, never an unbounded buffer.
constexpr size_t kUnlimitedBody = SIZE_MAX;

immagin::Result<HttpResult> HttpGet(const std::string& url, std::string_view bearer,
                                    long timeout_ms, size_t max_body_bytes = kUnlimitedBody);

// AWS Signature Version 4 credentials for S3-compatible storage (S3, R2, MinIO).
struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string region = "us-east-1";
};

// GET signed with SigV4 (service "s3"), as S3-compatible stores expect.
immagin::Result<HttpResult> HttpGetSigV4(const std::string& url, const AwsCredentials& credentials,
                                         long timeout_ms, size_t max_body_bytes = kUnlimitedBody);
immagin::Result<HttpResult> HttpPostJson(const std::string& url, std::string_view bearer,
                                         const std::string& body, long timeout_ms);

}  // namespace luna
