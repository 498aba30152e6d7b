#include "immagin/s3_request.h"

#include <utility>
#include <vector>

namespace immagin::http {

Request SignedS3Request(std::string_view method, std::string_view endpoint, std::string_view path,
                        const std::map<std::string, std::string>& query, std::string body,
                        const S3Credentials& credentials, int64_t now) {
  Request request{.method = std::string(method), .url = std::string(endpoint) + std::string(path)};
  if (!query.empty()) request.url += "?" + CanonicalQuery(query);
  for (const std::string& header :
       SignS3Request(method, endpoint, path, query, body, credentials, now)) {
    size_t colon = header.find(": ");  // SignS3Request writes "name: value"
    request.headers.emplace_back(header.substr(0, colon), header.substr(colon + 2));
  }
  request.body = std::move(body);
  return request;
}

}  // namespace immagin::http
