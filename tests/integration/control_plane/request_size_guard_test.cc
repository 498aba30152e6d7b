#include "request_size_guard.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace immagin::cp {
namespace {

struct Recorder {
  std::string forwarded;
  std::vector<std::string> rejected;
  RequestSizeGuard::Sink Forward() {
    return [this](std::string_view b) { forwarded.append(b); };
  }
  RequestSizeGuard::Sink Reject() {
    return [this](std::string_view b) { rejected.emplace_back(b); };
  }
};

constexpr BodyLimits kLimits{/*upload_bytes=*/100, /*json_bytes=*/10, /*max_head_bytes=*/256};

std::string Request(const std::string& target, size_t body_bytes) {
  return "PUT " + target + " HTTP/1.1\r\nHost: x\r\ncontent-length: " + std::to_string(body_bytes) +
         "\r\n\r\n" + std::string(body_bytes, 'b');
}

TEST(RequestSizeGuard, ForwardsRequestsWithinTheLimitUnchangedWhateverTheChunking) {
  std::string stream = Request("/uploads/t/k", 100) + Request("/v1/keys", 10) +
                       "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  for (size_t chunk = 1; chunk <= stream.size(); chunk += 7) {
    RequestSizeGuard guard(kLimits);
    Recorder r;
    for (size_t i = 0; i < stream.size(); i += chunk)
      guard.Feed(std::string_view(stream).substr(i, chunk), r.Forward(), r.Reject());
    EXPECT_EQ(r.forwarded, stream) << "chunk " << chunk;
    EXPECT_TRUE(r.rejected.empty());
  }
}

TEST(RequestSizeGuard, RefusesAnOversizedBodyAtTheHeadAndDropsIt) {
  std::string stream =
      Request("/v1/keys", 11) + Request("/uploads/t/k", 101) + Request("/uploads/t/k", 5);
  for (size_t chunk : {1ul, 3ul, 50ul, 4096ul}) {
    RequestSizeGuard guard(kLimits);
    Recorder r;
    for (size_t i = 0; i < stream.size(); i += chunk)
      guard.Feed(std::string_view(stream).substr(i, chunk), r.Forward(), r.Reject());
    ASSERT_EQ(r.rejected.size(), 2u);
    EXPECT_EQ(r.rejected[0].rfind("HTTP/1.1 413 ", 0), 0u);
    EXPECT_NE(r.rejected[0].find("at most 10 bytes"), std::string::npos);
    EXPECT_NE(r.rejected[1].find("at most 100 bytes"), std::string::npos);
    // Only the last request reaches the parser, intact.
    EXPECT_EQ(r.forwarded, Request("/uploads/t/k", 5)) << "chunk " << chunk;
  }
}

TEST(RequestSizeGuard, AnEndlessHeadBreaksTheConnection) {
  RequestSizeGuard guard(kLimits);
  Recorder r;
  guard.Feed("GET / HTTP/1.1\r\n" + std::string(300, 'h'), r.Forward(), r.Reject());
  EXPECT_TRUE(guard.broken());
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].rfind("HTTP/1.1 431 ", 0), 0u);
  EXPECT_TRUE(r.forwarded.empty());
}

TEST(RequestSizeGuard, ChunkedBodiesPassThrough) {
  RequestSizeGuard guard(kLimits);
  Recorder r;
  std::string stream =
      "PUT /uploads/t/k HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
  guard.Feed(stream, r.Forward(), r.Reject());
  EXPECT_EQ(r.forwarded, stream);
}

}  // namespace
}  // namespace immagin::cp
