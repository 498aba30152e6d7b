#include "immagin/sigv4.h"
#include "immagin/percent_encoding.h"

#include <gtest/gtest.h>

namespace immagin {
namespace {

const S3Credentials kExample{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                             "us-east-1"};

// AWS's published example of query-string authentication ("Authenticating Requests: Using
// Query Parameters (AWS Signature Version 4)"): GET /test.txt on examplebucket, valid 24 h
// from 2013-05-24T00:00:00Z.
TEST(SigV4, PresignedGetMatchesAwsPublishedExample) {
  std::string url = PresignS3Url("GET", "https://examplebucket.s3.amazonaws.com", "/test.txt",
                                 kExample, 1369353600, 86400);
  EXPECT_EQ(url,
            "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&"
            "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&"
            "X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&"
            "X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

// AWS's published examples of header authentication ("Signature Calculations for the
// Authorization Header: Transferring Payload in a Single Chunk"), the two whose signed
// headers are exactly host, x-amz-content-sha256 and x-amz-date: GET Bucket Lifecycle and
// GET Bucket (List Objects), on examplebucket at 2013-05-24T00:00:00Z.
TEST(SigV4, HeaderSignedRequestsMatchAwsPublishedExamples) {
  // The examples write the parts without spaces after the commas; S3 accepts both.
  const std::string scope =
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/"
      "s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
      "Signature=";
  auto lifecycle = SignS3Request("GET", "https://examplebucket.s3.amazonaws.com", "/",
                                 {{"lifecycle", ""}}, "", kExample, 1369353600);
  ASSERT_EQ(lifecycle.size(), 3u);
  EXPECT_EQ(lifecycle[2], "Authorization: " + scope +
                              "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
  auto list = SignS3Request("GET", "https://examplebucket.s3.amazonaws.com", "/",
                            {{"max-keys", "2"}, {"prefix", "J"}}, "", kExample, 1369353600);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[2], "Authorization: " + scope +
                         "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4, ASizedUploadSignsItsContentLength) {
  std::string plain =
      PresignS3Url("PUT", "http://127.0.0.1:9000", "/b/k.jpg", kExample, 1369353600, 300);
  std::string sized =
      PresignS3Url("PUT", "http://127.0.0.1:9000", "/b/k.jpg", kExample, 1369353600, 300, 1234);
  EXPECT_NE(plain.find("X-Amz-SignedHeaders=host&"), std::string::npos) << plain;
  EXPECT_NE(sized.find("X-Amz-SignedHeaders=content-length%3Bhost&"), std::string::npos) << sized;
  auto signature = [](const std::string& url) { return url.substr(url.find("X-Amz-Signature=")); };
  EXPECT_NE(signature(plain), signature(sized));
  EXPECT_NE(signature(sized), signature(PresignS3Url("PUT", "http://127.0.0.1:9000", "/b/k.jpg",
                                                     kExample, 1369353600, 300, 1235)));
}

TEST(SigV4, KeysAreEncodedOncePerSegment) {
  EXPECT_EQ(S3ObjectPath("b", "photos/a b+c.jpg"), "/b/photos/a%20b%2Bc.jpg");
  EXPECT_EQ(PercentEncode("a/b", false), "a%2Fb");
}

TEST(SigV4, SignedRequestsDependOnEveryPart) {
  auto base = SignS3Request("GET", "http://127.0.0.1:9000", "/b", {{"list-type", "2"}}, "",
                            kExample, 1369353600);
  ASSERT_EQ(base.size(), 3u);
  EXPECT_EQ(base[0], "x-amz-date: 20130524T000000Z");
  EXPECT_EQ(base[1],
            "x-amz-content-sha256: "
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_NE(base, SignS3Request("PUT", "http://127.0.0.1:9000", "/b", {{"list-type", "2"}}, "",
                                kExample, 1369353600));
  EXPECT_NE(base, SignS3Request("GET", "http://127.0.0.1:9001", "/b", {{"list-type", "2"}}, "",
                                kExample, 1369353600));
  EXPECT_NE(base, SignS3Request("GET", "http://127.0.0.1:9000", "/b", {{"list-type", "1"}}, "",
                                kExample, 1369353600));
  EXPECT_NE(base, SignS3Request("GET", "http://127.0.0.1:9000", "/b", {{"list-type", "2"}}, "x",
                                kExample, 1369353600));
}

}  // namespace
}  // namespace immagin
