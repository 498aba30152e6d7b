#include "s3_storage.h"

#include <curl/curl.h>

#include <charconv>
#include <cstdlib>
#include <ctime>

#include <map>
#include <memory>
#include <vector>

#include "calendar.h"
#include "curl_callbacks.h"
#include "immagin/image_key.h"
#include "storage_namespace.h"

namespace immagin::cp {
namespace {

struct S3Response {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string error;                           // transport failure
  bool body_too_large = false;                 // cut off past the caller's limit
};

// A body sink that refuses to grow past `max_bytes` (libcurl then fails the transfer with
// CURLE_WRITE_ERROR), for stores that send no Content-Length or a wrong one.
struct CappedBody {
  std::string* body;
  int64_t max_bytes;
  bool overflowed = false;
};

size_t AppendCapped(char* data, size_t size, size_t count, void* out) {
  auto* sink = static_cast<CappedBody*>(out);
  size_t n = size * count;
  if (static_cast<int64_t>(sink->body->size() + n) > sink->max_bytes) {
    sink->overflowed = true;
    return 0;
  }
  sink->body->append(data, n);
  return n;
}

constexpr int64_t kUnlimited = INT64_MAX;

// `max_body` bounds what is read of the response's body; past it the transfer is cut and
// `body_too_large` set.
S3Response Perform(const std::string& method, const S3Config& config, const std::string& path,
                   const std::map<std::string, std::string>& query, std::string_view body,
                   int64_t max_body = kUnlimited) {
  S3Response response;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    response.error = "curl_easy_init failed";
    return response;
  }
  std::string url = config.endpoint + path;
  if (!query.empty()) url += "?" + CanonicalQuery(query);
  curl_slist* headers = nullptr;
  for (const auto& header :
       SignS3Request(method, config.endpoint, path, query, body, config.credentials, NowSeconds()))
    headers = curl_slist_append(headers, header.c_str());
  headers = curl_slist_append(headers, "Expect:");
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  CappedBody sink{&response.body, max_body};
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, AppendCapped);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  if (max_body != kUnlimited)
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_body));
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, CurlCollectHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &response.headers);
  if (method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  if (method == "PUT") {
    // The size is set first, so libcurl never looks for a terminating NUL.
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    // NOLINTNEXTLINE(bugprone-suspicious-stringview-data-usage)
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  }
  CURLcode code = curl_easy_perform(c);
  curl_slist_free_all(headers);
  if (sink.overflowed || code == CURLE_FILESIZE_EXCEEDED) {
    response.body_too_large = true;
    response.body.clear();
  }
  if (code != CURLE_OK) {
    response.error = curl_easy_strerror(code);
    return response;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

ApiError StoreError(const S3Response& response, const std::string& what) {
  if (!response.error.empty()) return Internal("storage: " + what + ": " + response.error);
  return Internal("storage: " + what + ": HTTP " + std::to_string(response.status));
}

// 0 unless `text` is exactly a decimal integer.
int64_t ToInt64(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() ? value : 0;
}

std::string XmlUnescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    static const std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool matched = false;
    for (const auto& [entity, c] : kEntities) {
      if (text.substr(i, entity.size()) == entity) {
        out.push_back(c);
        i += entity.size() - 1;
        matched = true;
        break;
      }
    }
    if (!matched) out.push_back('&');
  }
  return out;
}

// Every `<tag>…</tag>` inside `xml`, in order (ListObjectsV2 has no nesting that matters).
std::vector<std::string_view> Elements(std::string_view xml, std::string_view tag) {
  std::vector<std::string_view> out;
  std::string open = "<" + std::string(tag) + ">";
  std::string close = "</" + std::string(tag) + ">";
  for (size_t pos = xml.find(open); pos != std::string_view::npos; pos = xml.find(open, pos)) {
    size_t start = pos + open.size();
    size_t end = xml.find(close, start);
    if (end == std::string_view::npos) break;
    out.push_back(xml.substr(start, end - start));
    pos = end + close.size();
  }
  return out;
}

// "2026-11-27T15:01:02.123Z" → unix milliseconds.
int64_t ParseIsoMillis(std::string_view text) {
  std::tm tm{};
  std::string copy(text.substr(0, 19));
  if (strptime(copy.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) return 0;
  int64_t millis = static_cast<int64_t>(timegm(&tm)) * 1000;
  if (text.size() > 20 && text[19] == '.') millis += ToInt64(text.substr(20, 3));
  return millis;
}

}  // namespace

std::string S3Storage::ObjectPath(const std::string& ns, const std::string& key) const {
  return S3ObjectPath(config_.bucket, ns + "/" + key);
}

ApiResult<StoredObject> S3Storage::Put(const std::string& ns, const std::string& key,
                                       std::string_view bytes) {
  if (auto status = CheckObjectName(ns, key); !status.ok()) return status.error();
  auto response = Perform("PUT", config_, ObjectPath(ns, key), {}, bytes);
  if (response.status != 200) return StoreError(response, "put");
  return Stat(ns, key);
}

ApiResult<StoredObject> S3Storage::Stat(const std::string& ns, const std::string& key) {
  if (auto status = CheckObjectName(ns, key); !status.ok()) return status.error();
  auto response = Perform("HEAD", config_, ObjectPath(ns, key), {}, "");
  if (response.status == 404) return NotFound("key", "no image '" + key + "'");
  if (response.status != 200) return StoreError(response, "head");
  StoredObject object{key, ToInt64(response.headers["content-length"]), 0,
                      response.headers["etag"]};
  std::tm tm{};
  if (strptime(response.headers["last-modified"].c_str(), "%a, %d %b %Y %H:%M:%S", &tm))
    object.last_modified_ms = static_cast<int64_t>(timegm(&tm)) * 1000;
  return object;
}

ApiResult<std::string> S3Storage::Read(const std::string& ns, const std::string& key,
                                       int64_t max_bytes) {
  if (auto status = CheckObjectName(ns, key); !status.ok()) return status.error();
  auto response = Perform("GET", config_, ObjectPath(ns, key), {}, "", max_bytes);
  if (response.body_too_large) return TooLargeOriginal(key, max_bytes);
  if (response.status == 404) return NotFound("key", "no image '" + key + "'");
  if (response.status != 200) return StoreError(response, "get");
  return std::move(response.body);
}

ApiStatus S3Storage::Delete(const std::string& ns, const std::string& key) {
  // S3 answers 204 for a missing key too; the API promises a 404.
  auto object = Stat(ns, key);
  if (!object.ok()) return object.error();
  auto response = Perform("DELETE", config_, ObjectPath(ns, key), {}, "");
  if (response.status != 204 && response.status != 200) return StoreError(response, "delete");
  return {};
}

ApiResult<ObjectPage> S3Storage::List(const std::string& ns, const std::string& prefix,
                                      const std::string& after, int limit) {
  if (auto status = CheckNamespace(ns); !status.ok()) return status.error();
  if (auto status = ValidateImageKeyPrefix(prefix); !status.ok()) return status.error();
  if (!after.empty())
    if (auto status = ValidateImageKey(after, "cursor"); !status.ok()) return status.error();
  // The S3 prefix always starts with the project's own `{ns}/`, and every key outside it
  // is dropped below, so a listing never leaves the namespace.
  return ListUnder(ns + "/", prefix, after, limit);
}

ApiResult<ObjectPage> S3Storage::ListUnder(const std::string& root, const std::string& prefix,
                                           const std::string& after, int limit) {
  // ListObjects (v1) with `marker`: every S3-compatible store serves it, and s3rver 3.7
  // cannot mint v2 continuation tokens under Node's OpenSSL 3 (its DES cipher is gone).
  std::map<std::string, std::string> query = {
      {"prefix", root + prefix}, {"marker", root + after}, {"max-keys", std::to_string(limit)}};
  auto response = Perform("GET", config_, "/" + config_.bucket, query, "");
  if (response.status != 200) return StoreError(response, "list");
  ObjectPage page;
  for (std::string_view contents : Elements(response.body, "Contents")) {
    auto keys = Elements(contents, "Key");
    auto sizes = Elements(contents, "Size");
    auto modified = Elements(contents, "LastModified");
    auto etags = Elements(contents, "ETag");
    if (keys.empty()) continue;
    std::string key = XmlUnescape(keys[0]);
    if (key.compare(0, root.size() + prefix.size(), root + prefix) != 0) continue;
    page.objects.push_back(StoredObject{key.substr(root.size()),
                                        sizes.empty() ? 0 : ToInt64(sizes[0]),
                                        modified.empty() ? 0 : ParseIsoMillis(modified[0]),
                                        etags.empty() ? "" : XmlUnescape(etags[0])});
  }
  auto truncated = Elements(response.body, "IsTruncated");
  if (!truncated.empty() && truncated[0] == "true" && !page.objects.empty())
    page.next_after = page.objects.back().key;
  return page;
}

ApiStatus S3Storage::DeleteProject(const std::string& ns) {
  if (auto status = CheckNamespace(ns); !status.ok()) return status;
  std::string after;
  for (;;) {
    auto page = List(ns, "", after, 1000);
    if (!page.ok()) return page.error();
    for (const auto& object : page->objects) {
      auto response = Perform("DELETE", config_, ObjectPath(ns, object.key), {}, "");
      if (response.status != 204 && response.status != 200) return StoreError(response, "delete");
    }
    const std::optional<std::string>& next = page->next_after;
    if (!next.has_value()) return {};
    after = *next;
  }
}

ApiStatus S3Storage::Check() {
  // Any listing proves the bucket answers; this prefix belongs to no project.
  auto page = ListUnder("readyz/", "", "", 1);
  if (!page.ok()) return page.error();
  return {};
}

std::optional<std::string> S3Storage::PresignedUploadUrl(const std::string& ns,
                                                         const std::string& key,
                                                         int64_t expires_seconds,
                                                         std::optional<int64_t> exact_size) {
  if (!exact_size.has_value() || !CheckObjectName(ns, key).ok()) return std::nullopt;
  return PresignS3Url("PUT", config_.endpoint, ObjectPath(ns, key), config_.credentials,
                      NowSeconds(), expires_seconds, exact_size);
}

}  // namespace immagin::cp
