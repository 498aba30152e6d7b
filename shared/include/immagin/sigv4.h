// AWS Signature Version 4 for S3-compatible stores (S3, R2, MinIO): presigned URLs
// (query-string authentication) and signed requests (Authorization header). Path-style
// addressing, `{endpoint}/{bucket}/{key}`, which every S3-compatible server accepts.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace immagin {

struct S3Credentials {
  std::string access_key;
  std::string secret_key;
  std::string region = "us-east-1";
};

// "/{bucket}/{encoded key}"
std::string S3ObjectPath(std::string_view bucket, std::string_view key);

// A presigned URL for `method` on `{endpoint}{path}` (`path` already encoded), valid
// `expires_seconds` from `now` (unix seconds). The host header is signed, and so is
// Content-Length when given: the store then accepts a body of exactly that size only.
std::string PresignS3Url(std::string_view method, std::string_view endpoint, std::string_view path,
                         const S3Credentials& credentials, int64_t now, int64_t expires_seconds,
                         std::optional<int64_t> content_length = std::nullopt);

// Headers (x-amz-date, x-amz-content-sha256, Authorization) for a request on
// `{endpoint}{path}?{query}`; `path` is already encoded, `query` holds raw names/values.
std::vector<std::string> SignS3Request(std::string_view method, std::string_view endpoint,
                                       std::string_view path,
                                       const std::map<std::string, std::string>& query,
                                       std::string_view payload, const S3Credentials& credentials,
                                       int64_t now);

std::string CanonicalQuery(const std::map<std::string, std::string>& query);
std::string Sha256Hex(std::string_view data);

}  // namespace immagin
