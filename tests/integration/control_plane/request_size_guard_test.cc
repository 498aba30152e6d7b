#include "http/request_size_guard.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace immagin::cp {
namespace {

// Stands in for Pistache: takes every byte and agrees with the guard (the server checks
// the real parser's state; see the adversarial tests).
struct Recorder {
  std::string forwarded;
  std::vector<std::string> rejected;
  bool closed = false;
  RequestSizeGuard::Forward Forward() {
    return [this](std::string_view b, RequestSizeGuard::Expect) {
      forwarded.append(b);
      return true;
    };
  }
  RequestSizeGuard::Reject Reject() {
    return [this](std::string_view b, bool close) {
      rejected.emplace_back(b);
      closed = closed || close;
    };
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
  EXPECT_TRUE(r.closed);
  EXPECT_TRUE(r.forwarded.empty());
}

TEST(RequestSizeGuard, ChunkedBodiesReachTheParserAsCanonicalChunks) {
  std::string head = "PUT /uploads/t/k HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string stream = head + "5;ext=1\r\nhello\r\n3\r\nabc\r\n0\r\nTrailer: x\r\n\r\n";
  for (size_t chunk : {1ul, 4ul, 4096ul}) {
    RequestSizeGuard guard(kLimits);
    Recorder r;
    for (size_t i = 0; i < stream.size(); i += chunk)
      guard.Feed(std::string_view(stream).substr(i, chunk), r.Forward(), r.Reject());
    EXPECT_TRUE(r.rejected.empty());
    // Extensions and trailers never reach the parser; the data does, in order.
    EXPECT_EQ(r.forwarded.rfind(head, 0), 0u);
    EXPECT_EQ(r.forwarded.find("ext"), std::string::npos);
    EXPECT_EQ(r.forwarded.find("Trailer"), std::string::npos);
    EXPECT_EQ(r.forwarded.substr(r.forwarded.size() - 5), "0\r\n\r\n");
  }
  RequestSizeGuard guard(kLimits);
  Recorder r;
  guard.Feed(stream, r.Forward(), r.Reject());
  EXPECT_EQ(r.forwarded, head + "8\r\nhelloabc\r\n0\r\n\r\n");
}

TEST(RequestSizeGuard, AParserThatDisagreesStopsTheConnection) {
  RequestSizeGuard guard(kLimits);
  std::string forwarded;
  auto refuse = [&](std::string_view b, RequestSizeGuard::Expect) {
    forwarded.append(b);
    return false;
  };
  Recorder r;
  guard.Feed(Request("/v1/keys", 5) + Request("/v1/keys", 5), refuse, r.Reject());
  EXPECT_TRUE(guard.broken());
  EXPECT_EQ(forwarded.find("bbbbb"), std::string::npos) << "no body after a refused head";
}

}  // namespace
}  // namespace immagin::cp
