#include "storage/s3_storage.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <ctime>
#include <map>
#include <vector>

#include "calendar.h"
#include "immagin/http_client.h"
#include "immagin/image_key.h"
#include "immagin/s3_request.h"
#include "storage/storage_namespace.h"

namespace immagin::cp {
namespace {

// A whole PUT of an original over a slow link fits; a hung store does not hold a worker.
constexpr int kS3TimeoutMs = 60000;

// `max_body` bounds what is read of the answer's body: past it, ErrorCode::kPayloadTooLarge.
Result<http::Response> Perform(const std::string& method, const S3Config& config,
                               const std::string& path,
                               const std::map<std::string, std::string>& query,
                               std::string_view body,
                               size_t max_body = http::Request{}.max_body_bytes) {
  http::Request request = http::SignedS3Request(
      method, config.endpoint, path, query, std::string(body), config.credentials, NowSeconds());
  request.timeout_ms = kS3TimeoutMs;
  request.max_body_bytes = max_body;
  return http::Send(request);
}

// The store answered with an unexpected status, or not at all.
Error StoreError(const Result<http::Response>& response, const std::string& what) {
  if (!response.ok()) return Internal("storage: " + what + ": " + response.error().message);
  return Internal("storage: " + what + ": HTTP " + std::to_string(response->status));
}

// 0 when the store did not answer.
int StatusOf(const Result<http::Response>& response) {
  return response.ok() ? response->status : 0;
}

std::string HeaderOf(const http::Response& response, std::string_view name) {
  const std::string* value = response.Header(name);
  return value == nullptr ? "" : *value;
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

Result<StoredObject> S3Storage::Put(const std::string& ns, const std::string& key,
                                    std::string_view bytes) {
  if (auto status = CheckObjectName(ns, key); !status.ok()) return status.error();
  auto response = Perform("PUT", config_, ObjectPath(ns, key), {}, bytes);
  if (StatusOf(response) != 200) return StoreError(response, "put");
  return Stat(ns, key);
}

Result<StoredObject> S3Storage::Stat(const std::string& ns, const std::string& key) {
  if (auto status = CheckObjectName(ns, key); !status.ok()) return status.error();
  auto response = Perform("HEAD", config_, ObjectPath(ns, key), {}, "");
  if (StatusOf(response) == 404) return NotFound("key", "no image '" + key + "'");
  if (StatusOf(response) != 200) return StoreError(response, "head");
  StoredObject object{key, ToInt64(HeaderOf(*response, "content-length")), 0,
                      HeaderOf(*response, "etag")};
  std::tm tm{};
  if (strptime(HeaderOf(*response, "last-modified").c_str(), "%a, %d %b %Y %H:%M:%S", &tm))
    object.last_modified_ms = static_cast<int64_t>(timegm(&tm)) * 1000;
  return object;
}

Result<std::string> S3Storage::Read(const std::string& ns, const std::string& key,
                                    int64_t max_bytes) {
  if (auto status = CheckObjectName(ns, key); !status.ok()) return status.error();
  auto response = Perform("GET", config_, ObjectPath(ns, key), {}, "",
                          static_cast<size_t>(std::max<int64_t>(max_bytes, 0)));
  if (!response.ok() && response.error().code == ErrorCode::kPayloadTooLarge)
    return TooLargeOriginal(key, max_bytes);
  if (StatusOf(response) == 404) return NotFound("key", "no image '" + key + "'");
  if (StatusOf(response) != 200) return StoreError(response, "get");
  return std::move(response->body);
}

Status S3Storage::Delete(const std::string& ns, const std::string& key) {
  // S3 answers 204 for a missing key too; the API promises a 404.
  auto object = Stat(ns, key);
  if (!object.ok()) return object.error();
  auto response = Perform("DELETE", config_, ObjectPath(ns, key), {}, "");
  if (StatusOf(response) != 204 && StatusOf(response) != 200) return StoreError(response, "delete");
  return {};
}

Result<ObjectPage> S3Storage::List(const std::string& ns, const std::string& prefix,
                                   const std::string& after, int limit) {
  if (auto status = CheckNamespace(ns); !status.ok()) return status.error();
  if (auto status = ValidateImageKeyPrefix(prefix); !status.ok()) return status.error();
  if (!after.empty())
    if (auto status = ValidateImageKey(after, "cursor"); !status.ok()) return status.error();
  // The S3 prefix always starts with the project's own `{ns}/`, and every key outside it
  // is dropped below, so a listing never leaves the namespace.
  return ListUnder(ns + "/", prefix, after, limit);
}

Result<ObjectPage> S3Storage::ListUnder(const std::string& root, const std::string& prefix,
                                        const std::string& after, int limit) {
  // ListObjects (v1) with `marker`: every S3-compatible store serves it, and s3rver 3.7
  // cannot mint v2 continuation tokens under Node's OpenSSL 3 (its DES cipher is gone).
  std::map<std::string, std::string> query = {
      {"prefix", root + prefix}, {"marker", root + after}, {"max-keys", std::to_string(limit)}};
  auto response = Perform("GET", config_, "/" + config_.bucket, query, "");
  if (StatusOf(response) != 200) return StoreError(response, "list");
  ObjectPage page;
  for (std::string_view contents : Elements(response->body, "Contents")) {
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
  auto truncated = Elements(response->body, "IsTruncated");
  if (!truncated.empty() && truncated[0] == "true" && !page.objects.empty())
    page.next_after = page.objects.back().key;
  return page;
}

Status S3Storage::DeleteProject(const std::string& ns) {
  if (auto status = CheckNamespace(ns); !status.ok()) return status;
  std::string after;
  for (;;) {
    auto page = List(ns, "", after, 1000);
    if (!page.ok()) return page.error();
    for (const auto& object : page->objects) {
      auto response = Perform("DELETE", config_, ObjectPath(ns, object.key), {}, "");
      if (StatusOf(response) != 204 && StatusOf(response) != 200)
        return StoreError(response, "delete");
    }
    const std::optional<std::string>& next = page->next_after;
    if (!next.has_value()) return {};
    after = *next;
  }
}

Status S3Storage::Check() {
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
