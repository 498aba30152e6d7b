#include "http_client.h"

#include <curl/curl.h>

#include <cctype>
#include <cstdio>
#include <memory>

namespace luna {
namespace {

struct BodySink {
  std::string* body;
  size_t max_bytes;
  bool over = false;
};

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<BodySink*>(user);
  if (sink->body->size() + size * count > sink->max_bytes) {
    sink->over = true;
    return 0;  // libcurl stops the transfer (CURLE_WRITE_ERROR)
  }
  sink->body->append(data, size * count);
  return size * count;
}

size_t ReadEtag(char* data, size_t size, size_t count, void* user) {
  std::string_view line(data, size * count);
  constexpr std::string_view kName = "etag:";
  if (line.size() > kName.size()) {
    std::string lower(line.substr(0, kName.size()));
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == kName) {
      std::string_view value = line.substr(kName.size());
      while (!value.empty() && (value.front() == ' ')) value.remove_prefix(1);
      while (!value.empty() &&
             (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
        value.remove_suffix(1);
      }
      *static_cast<std::string*>(user) = std::string(value);
    }
  }
  return size * count;
}

immagin::Result<HttpResult> Perform(const std::string& url, std::string_view bearer,
                                    const std::string* post_body, long timeout_ms,
                                    const AwsCredentials* aws = nullptr,
                                    size_t max_body_bytes = kUnlimitedBody) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialised) return immagin::Error{immagin::ErrorCode::kInternal, "", "libcurl init failed"};
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return immagin::Error{immagin::ErrorCode::kInternal, "", "libcurl handle failed"};
  HttpResult result;
  curl_slist* headers = nullptr;
  const std::string auth = "Authorization: Bearer " + std::string(bearer);
  if (!bearer.empty()) headers = curl_slist_append(headers, auth.c_str());
  if (post_body != nullptr) headers = curl_slist_append(headers, "Content-Type: application/json");
  if (aws != nullptr) {
    // S3 requires the payload hash; libcurl 7.88 signs this header but does not add it.
    // The value is the SHA-256 of an empty body (these are GETs).
    headers = curl_slist_append(
        headers,
        "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, AppendBody);
  BodySink sink{&result.body, max_body_bytes};
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &sink);
  if (max_body_bytes != kUnlimitedBody) {
    curl_easy_setopt(curl.get(), CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(max_body_bytes));
  }
  curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, ReadEtag);
  curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &result.etag);
  if (post_body != nullptr) {
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, post_body->data());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(post_body->size()));
  }
  std::string sigv4;
  std::string user;
  if (aws != nullptr) {
    // libcurl signs the request itself (CURLOPT_AWS_SIGV4, curl >= 7.75).
    sigv4 = "aws:amz:" + aws->region + ":s3";
    user = aws->access_key_id + ":" + aws->secret_access_key;
    curl_easy_setopt(curl.get(), CURLOPT_AWS_SIGV4, sigv4.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_USERPWD, user.c_str());
  }
  const CURLcode code = curl_easy_perform(curl.get());
  curl_slist_free_all(headers);
  if (sink.over || code == CURLE_FILESIZE_EXCEEDED) {
    return immagin::Error{
        immagin::ErrorCode::kPayloadTooLarge, "",
        "the original is larger than the limit of " + std::to_string(max_body_bytes) + " bytes"};
  }
  if (code != CURLE_OK) {
    return immagin::Error{
        immagin::ErrorCode::kUnavailable, "",
        std::string("request to the control plane failed: ") + curl_easy_strerror(code)};
  }
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &result.status);
  return result;
}

}  // namespace

immagin::Result<HttpResult> HttpGet(const std::string& url, std::string_view bearer,
                                    long timeout_ms, size_t max_body_bytes) {
  return Perform(url, bearer, nullptr, timeout_ms, nullptr, max_body_bytes);
}

immagin::Result<HttpResult> HttpPostJson(const std::string& url, std::string_view bearer,
                                         const std::string& body, long timeout_ms) {
  return Perform(url, bearer, &body, timeout_ms);
}

immagin::Result<HttpResult> HttpGetSigV4(const std::string& url, const AwsCredentials& credentials,
                                         long timeout_ms, size_t max_body_bytes) {
  return Perform(url, "", nullptr, timeout_ms, &credentials, max_body_bytes);
}

}  // namespace luna
