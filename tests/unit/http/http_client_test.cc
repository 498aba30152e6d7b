// immagin::http::Send against a real server on loopback (tests/support/http_recorder.h):
// what it sends, what it returns, and how it fails: body caps, timeouts, refusals, and
// messages that name the host but never a presigned URL's query.
#include "immagin/http_client.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "http_recorder.h"

namespace immagin::http {
namespace {

using immagin::testing::HttpRecorder;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// What a presigned S3 URL carries in its query: it must never reach a message.
const std::string kSecretQuery = "?X-Amz-Credential=AKIDEXAMPLE&X-Amz-Signature=f00dcafe";

std::string WithLength(size_t length, std::string_view body) {
  return "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(length) +
         "\r\nConnection: close\r\n\r\n" + std::string(body);
}

std::string Chunked(const std::vector<std::string>& chunks) {
  std::string out = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  for (const auto& chunk : chunks) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
    out += size + chunk + "\r\n";
  }
  return out + "0\r\n\r\n";
}

void ExpectNamesHostNotQuery(const Error& error, uint16_t port) {
  EXPECT_NE(error.message.find("127.0.0.1:" + std::to_string(port)), std::string::npos)
      << error.message;
  EXPECT_EQ(error.message.find("X-Amz"), std::string::npos) << error.message;
  EXPECT_EQ(error.message.find("f00dcafe"), std::string::npos) << error.message;
}

TEST(HttpClient, ReturnsStatusBodyAndHeadersAndSendsTheRequestAsGiven) {
  HttpRecorder server;
  ASSERT_TRUE(server.running());
  server.AnswerRaw(
      "HTTP/1.1 201 Created\r\nContent-Length: 5\r\nX-Thing:  a b \r\nSet-Cookie: one=1\r\n"
      "Set-Cookie: two=2\r\nConnection: close\r\n\r\nhello");
  // Large enough that libcurl on its own would send `Expect: 100-continue` and wait.
  const std::string upload(size_t{2} << 20, 'p');
  auto response = Send({.method = "POST",
                        .url = server.url() + "/v1/things?page=2",
                        .headers = {{"X-Request", "42"}, {"X-Empty", ""}},
                        .body = upload});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->body, "hello");
  ASSERT_NE(response->Header("x-thing"), nullptr);
  EXPECT_EQ(*response->Header("X-THING"), "a b");
  EXPECT_EQ(*response->Header("set-cookie"), "one=1") << "the first of repeated headers";
  EXPECT_EQ(response->Header("x-missing"), nullptr);
  ASSERT_EQ(response->headers.size(), 5u);
  EXPECT_EQ(response->headers[0].first, "Content-Length") << "names as received";

  auto received = server.requests();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].method, "POST");
  EXPECT_EQ(received[0].target, "/v1/things?page=2");
  EXPECT_EQ(received[0].headers["x-request"], "42");
  ASSERT_EQ(received[0].headers.count("x-empty"), 1u) << "an empty value is still sent";
  EXPECT_EQ(received[0].headers["x-empty"], "");
  EXPECT_EQ(received[0].headers.count("expect"), 0u) << "no 100-continue wait";
  EXPECT_EQ(received[0].headers.count("content-type"), 0u) << "no form type made up";
  EXPECT_EQ(received[0].body, upload);
}

TEST(HttpClient, EmptyPutStillSendsItsLength) {
  HttpRecorder server;
  ASSERT_TRUE(server.running());
  auto response = Send({.method = "PUT", .url = server.url() + "/bucket/key"});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  auto received = server.requests();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].method, "PUT");
  EXPECT_EQ(received[0].headers["content-length"], "0");
}

TEST(HttpClient, HeadIsNotCappedByTheSizeItAnnounces) {
  // A HEAD's Content-Length is the object's size (S3's Stat), not a body to buffer.
  HttpRecorder server;
  ASSERT_TRUE(server.running());
  server.AnswerRaw(WithLength(size_t{10} << 20, ""));
  auto response = Send({.method = "HEAD", .url = server.url() + "/big.jpg", .max_body_bytes = 1});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "");
  EXPECT_EQ(*response->Header("content-length"), std::to_string(size_t{10} << 20));
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].method, "HEAD");
}

TEST(HttpClient, BodyAtTheCapIsAccepted) {
  const std::string body(1000, 'x');
  for (const std::string& answer :
       {WithLength(body.size(), body), Chunked({body.substr(0, 600), body.substr(600)})}) {
    HttpRecorder server;
    ASSERT_TRUE(server.running());
    server.AnswerRaw(answer);
    auto response = Send({.url = server.url(), .max_body_bytes = 1000});
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->body, body);
  }
}

TEST(HttpClient, BodyOverTheCapIsRefusedByItsContentLengthBeforeItIsRead) {
  // Not one byte of the announced body comes: a client that read it would find it cut
  // short (kUnavailable); only a refusal from the Content-Length is kPayloadTooLarge.
  HttpRecorder server;
  ASSERT_TRUE(server.running());
  server.AnswerRaw(WithLength(1001, ""));
  auto response =
      Send({.url = server.url() + "/original.jpg" + kSecretQuery, .max_body_bytes = 1000});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_NE(response.error().message.find("1000 bytes"), std::string::npos);
  ExpectNamesHostNotQuery(response.error(), server.port());
}

TEST(HttpClient, ChunkedBodyOverTheCapIsRefusedWhileItIsRead) {
  HttpRecorder server;
  ASSERT_TRUE(server.running());
  server.AnswerRaw(Chunked({std::string(600, 'x'), std::string(401, 'y')}));
  auto response = Send({.url = server.url() + "/" + kSecretQuery, .max_body_bytes = 1000});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kPayloadTooLarge);
  ExpectNamesHostNotQuery(response.error(), server.port());
}

TEST(HttpClient, BodyCutShortIsUnavailable) {
  HttpRecorder server;
  ASSERT_TRUE(server.running());
  server.AnswerRaw(WithLength(100, "only part of it"));
  auto response = Send({.url = server.url()});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
}

TEST(HttpClient, ServerThatNeverAnswersIsUnavailableWithinTheTimeout) {
  HttpRecorder server;
  ASSERT_TRUE(server.running());
  server.Delay(milliseconds(60000));
  auto started = Clock::now();
  auto response = Send({.url = server.url() + "/" + kSecretQuery, .timeout_ms = 300});
  auto took = Clock::now() - started;
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
  EXPECT_GE(took, milliseconds(290));
  EXPECT_LT(took, milliseconds(2000));
  ExpectNamesHostNotQuery(response.error(), server.port());
  EXPECT_EQ(server.requests().size(), 1u) << "the request did arrive";
}

TEST(HttpClient, RefusedConnectionIsUnavailable) {
  const uint16_t port = HttpRecorder::FreePort();
  ASSERT_NE(port, 0);
  auto response = Send({.method = "DELETE",
                        .url = "http://127.0.0.1:" + std::to_string(port) + "/b/k" + kSecretQuery});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(response.error().message.starts_with("DELETE ")) << response.error().message;
  ExpectNamesHostNotQuery(response.error(), port);
}

TEST(HttpClient, BadRequestsAreRefusedBeforeAnythingIsSent) {
  HttpRecorder server;
  ASSERT_TRUE(server.running());
  struct Case {
    Request request;
    std::string field;
  } cases[] = {
      {{.url = "ftp://127.0.0.1/file"}, "url"},
      {{.url = "not a url at all" + kSecretQuery}, "url"},
      {{.url = server.url(), .headers = {{"X-Evil", "a\r\nX-Injected: 1"}}}, "headers"},
      {{.url = server.url(), .headers = {{"", "nameless"}}}, "headers"},
      {{.method = "get me", .url = server.url()}, "method"},
      {{.url = server.url(), .timeout_ms = 0}, "timeout_ms"},
      {{.url = server.url(), .connect_timeout_ms = -1}, "connect_timeout_ms"},
  };
  for (const auto& c : cases) {
    auto response = Send(c.request);
    ASSERT_FALSE(response.ok()) << c.field;
    EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(response.error().field, c.field);
    EXPECT_EQ(response.error().message.find("X-Amz"), std::string::npos);
  }
  EXPECT_TRUE(server.requests().empty());
}

TEST(HttpClient, ManyThreadsCanSendAtOnce) {
  HttpRecorder server;
  ASSERT_TRUE(server.running());
  server.Answer(200, "ok");
  constexpr int kThreads = 8;
  constexpr int kEach = 5;
  std::vector<int> answered(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto response = Send({.url = server.url()});
        if (response.ok() && response->status == 200 && response->body == "ok") ++answered[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(answered[t], kEach) << "thread " << t;
  EXPECT_EQ(server.requests().size(), static_cast<size_t>(kThreads * kEach));
}

}  // namespace
}  // namespace immagin::http
