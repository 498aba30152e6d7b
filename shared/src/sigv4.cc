#include "immagin/sigv4.h"
#include "immagin/percent_encoding.h"

#include <sodium.h>

#include <array>
#include <ctime>

namespace immagin {
namespace {

using Digest = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

std::string Hex(const unsigned char* data, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kHex[data[i] >> 4]);
    out.push_back(kHex[data[i] & 15]);
  }
  return out;
}

Digest Hmac(std::string_view key, std::string_view message) {
  Digest out{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, out.data());
  return out;
}

std::string_view View(const Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

struct Stamp {
  std::string date;      // YYYYMMDD
  std::string datetime;  // YYYYMMDDTHHMMSSZ
};

Stamp StampOf(int64_t now) {
  std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char datetime[32];
  std::strftime(datetime, sizeof datetime, "%Y%m%dT%H%M%SZ", &tm);
  return Stamp{std::string(datetime, 8), datetime};
}

std::string HostOf(std::string_view endpoint) {
  size_t scheme = endpoint.find("://");
  std::string_view host = scheme == std::string_view::npos ? endpoint : endpoint.substr(scheme + 3);
  return std::string(host.substr(0, host.find('/')));
}

std::string Signature(const S3Credentials& credentials, const Stamp& stamp,
                      std::string_view canonical_request) {
  std::string scope = stamp.date + "/" + credentials.region + "/s3/aws4_request";
  std::string to_sign =
      "AWS4-HMAC-SHA256\n" + stamp.datetime + "\n" + scope + "\n" + Sha256Hex(canonical_request);
  Digest key = Hmac("AWS4" + credentials.secret_key, stamp.date);
  key = Hmac(View(key), credentials.region);
  key = Hmac(View(key), "s3");
  key = Hmac(View(key), "aws4_request");
  Digest signature = Hmac(View(key), to_sign);
  return Hex(signature.data(), signature.size());
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  return Hex(digest.data(), digest.size());
}

std::string CanonicalQuery(const std::map<std::string, std::string>& query) {
  // Sorted by encoded name; the names used here encode to themselves, so map order holds.
  std::string out;
  for (const auto& [name, value] : query) {
    if (!out.empty()) out += '&';
    out += PercentEncode(name, false) + "=" + PercentEncode(value, false);
  }
  return out;
}

std::string S3ObjectPath(std::string_view bucket, std::string_view key) {
  return "/" + std::string(bucket) + "/" + PercentEncode(key, true);
}

std::string PresignS3Url(std::string_view method, std::string_view endpoint, std::string_view path,
                         const S3Credentials& credentials, int64_t now, int64_t expires_seconds,
                         std::optional<int64_t> content_length) {
  Stamp stamp = StampOf(now);
  std::map<std::string, std::string> query = {
      {"X-Amz-Algorithm", "AWS4-HMAC-SHA256"},
      {"X-Amz-Credential",
       credentials.access_key + "/" + stamp.date + "/" + credentials.region + "/s3/aws4_request"},
      {"X-Amz-Date", stamp.datetime},
      {"X-Amz-Expires", std::to_string(expires_seconds)},
      {"X-Amz-SignedHeaders", content_length ? "content-length;host" : "host"},
  };
  std::string canonical_query = CanonicalQuery(query);
  std::string canonical_headers =
      (content_length ? "content-length:" + std::to_string(*content_length) + "\n" : "") +
      "host:" + HostOf(endpoint) + "\n";
  std::string canonical_request = std::string(method) + "\n" + std::string(path) + "\n" +
                                  canonical_query + "\n" + canonical_headers + "\n" +
                                  query["X-Amz-SignedHeaders"] + "\nUNSIGNED-PAYLOAD";
  return std::string(endpoint) + std::string(path) + "?" + canonical_query +
         "&X-Amz-Signature=" + Signature(credentials, stamp, canonical_request);
}

std::vector<std::string> SignS3Request(std::string_view method, std::string_view endpoint,
                                       std::string_view path,
                                       const std::map<std::string, std::string>& query,
                                       std::string_view payload, const S3Credentials& credentials,
                                       int64_t now) {
  Stamp stamp = StampOf(now);
  std::string payload_hash = Sha256Hex(payload);
  std::string signed_headers = "host;x-amz-content-sha256;x-amz-date";
  std::string canonical_request =
      std::string(method) + "\n" + std::string(path) + "\n" + CanonicalQuery(query) +
      "\nhost:" + HostOf(endpoint) + "\nx-amz-content-sha256:" + payload_hash +
      "\nx-amz-date:" + stamp.datetime + "\n\n" + signed_headers + "\n" + payload_hash;
  std::string scope = stamp.date + "/" + credentials.region + "/s3/aws4_request";
  return {"x-amz-date: " + stamp.datetime, "x-amz-content-sha256: " + payload_hash,
          "Authorization: AWS4-HMAC-SHA256 Credential=" + credentials.access_key + "/" + scope +
              ", SignedHeaders=" + signed_headers +
              ", Signature=" + Signature(credentials, stamp, canonical_request)};
}

}  // namespace immagin
