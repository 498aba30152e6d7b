// http::SignedS3Request: the request S3-compatible stores get, signed by immagin/sigv4.h and
// nothing else, and what arrives of it at a real server on loopback.
#include "immagin/s3_request.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "http_recorder.h"

namespace immagin::http {
namespace {

using immagin::testing::HttpRecorder;

const S3Credentials kCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                 "eu-west-1"};
constexpr int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z

TEST(S3Request, CarriesTheSharedSignersHeadersAndTheCanonicalQuery) {
  const std::map<std::string, std::string> query = {{"prefix", "p_1/a b"}, {"max-keys", "10"}};
  Request request =
      SignedS3Request("GET", "http://127.0.0.1:9000", "/bucket", query, "", kCredentials, kNow);
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.url, "http://127.0.0.1:9000/bucket?" + CanonicalQuery(query));
  Headers expected;
  for (const std::string& line :
       SignS3Request("GET", "http://127.0.0.1:9000", "/bucket", query, "", kCredentials, kNow)) {
    size_t colon = line.find(": ");
    expected.emplace_back(line.substr(0, colon), line.substr(colon + 2));
  }
  EXPECT_EQ(request.headers, expected);
  ASSERT_EQ(request.headers.size(), 3u);
  EXPECT_EQ(request.headers[2].first, "Authorization");
  EXPECT_TRUE(request.headers[2].second.starts_with(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/s3/aws4_request, "));
}

TEST(S3Request, ArrivesWithTheSignedHostPayloadHashAndBody) {
  HttpRecorder store;
  ASSERT_TRUE(store.running());
  const std::string endpoint = store.url();
  Request request =
      SignedS3Request("PUT", endpoint, "/bucket/p_1/a%20b.jpg", {}, "bytes", kCredentials, kNow);
  EXPECT_EQ(request.url.find('?'), std::string::npos) << "no query, no '?'";
  auto response = Send(request);
  ASSERT_TRUE(response.ok()) << response.error().message;
  auto received = store.requests();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].method, "PUT");
  EXPECT_EQ(received[0].target, "/bucket/p_1/a%20b.jpg");
  EXPECT_EQ(received[0].body, "bytes");
  // The signature covers `host` as the endpoint names it: it must be the Host sent.
  EXPECT_EQ("http://" + received[0].headers["host"], endpoint);
  EXPECT_EQ(received[0].headers["x-amz-content-sha256"], Sha256Hex("bytes"));
  EXPECT_EQ(received[0].headers["x-amz-date"], "20260101T000000Z");
  EXPECT_TRUE(received[0].headers["authorization"].starts_with("AWS4-HMAC-SHA256 "));
}

}  // namespace
}  // namespace immagin::http
