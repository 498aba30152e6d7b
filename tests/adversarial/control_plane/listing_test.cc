// Listing attacks: a tenant with an API key tries to make GET /v1/images walk outside its
// own project — into another project's originals, the data directory (the database, the
// edge token, the logs) or the whole file system — with prefixes and cursors.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "control_plane_fixture.h"
#include "immagin/base64url.h"
#include "immagin/percent_encoding.h"
#include "s3rver_process.h"

namespace immagin::cp::testing {
namespace {

class ListingAttack : public ControlPlaneTest, public ::testing::WithParamInterface<std::string> {
 protected:
  ListingAttack() {
    if (GetParam() != "s3") return;
    s3rver_ = std::make_unique<S3rverProcess>(dir_ / "s3rver");
    config_.storage = "s3";
    config_.s3_endpoint = s3rver_->endpoint();
    config_.s3_bucket = S3rverProcess::kBucket;
    config_.s3_access_key = "S3RVER";
    config_.s3_secret_key = "S3RVER";
  }

  void SetUp() override {
    if (s3rver_) ASSERT_TRUE(s3rver_->running()) << "run `npm ci --prefix tests`";
    StartServer();
    // The victim is made first, so its folder sorts first and its id is 1.
    victim_ = CreateProject("victim");
    attacker_ = CreateProject("attacker");
    ASSERT_EQ(Upload(victim_, "secret/victim-only.jpg", "victim bytes").status / 100, 2);
    ASSERT_EQ(Upload(victim_, "victim-top.jpg", "victim bytes").status / 100, 2);
    ASSERT_EQ(Upload(attacker_, "a/mine.jpg", "attacker bytes").status / 100, 2);
  }

  // GET /v1/images as the attacker with a raw (already encoded) query string.
  HttpResult ListRaw(const std::string& query) const {
    return Get("/v1/images?" + query, attacker_);
  }
  HttpResult ListPrefix(const std::string& prefix) const {
    return ListRaw("prefix=" + PercentEncode(prefix, /*keep_slash=*/true));
  }

  // Nothing of the victim's, and nothing of the data directory, in a response body.
  static void ExpectNothingLeaked(const HttpResult& result, const std::string& what) {
    for (const char* secret : {"victim-only", "victim-top", "sqlite3", "edge-token", "objects"})
      EXPECT_EQ(result.body.find(secret), std::string::npos) << what << " leaked: " << result.body;
  }

  static void ExpectBadField(const HttpResult& result, const std::string& field,
                             const std::string& what) {
    EXPECT_EQ(result.status, 400) << what << ": " << result.body;
    EXPECT_EQ(result.error_code(), "invalid_argument") << what;
    EXPECT_EQ(result.error_field(), field) << what;
    ExpectNothingLeaked(result, what);
  }

  std::unique_ptr<S3rverProcess> s3rver_;
  TestProject victim_;
  TestProject attacker_;
};

TEST_P(ListingAttack, ListPrefixCannotLeaveTheProject) {
  for (const std::string prefix : {"..", "../", "../../", "../1/", "a/../../", "a/..", "./", "a/./",
                                   ".", "a/../../../../../../../etc/"}) {
    ExpectBadField(ListPrefix(prefix), "prefix", "prefix=" + prefix);
  }
  // Valid prefixes a victim key or a data-directory entry could start with find nothing.
  for (const std::string prefix : {"", "s", "secret/", "v", "victim", "1", "1/", "c", "e"}) {
    auto listed = ListPrefix(prefix);
    ASSERT_EQ(listed.status, 200) << prefix << ": " << listed.body;
    ExpectNothingLeaked(listed, "prefix=" + prefix);
  }
  auto all = ListPrefix("").json()["images"];
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["key"], "a/mine.jpg");
  // Legitimate prefixes still work: a folder, and a cut inside a segment.
  EXPECT_EQ(ListPrefix("a/").json()["images"].size(), 1u);
  EXPECT_EQ(ListPrefix("a/mi").json()["images"].size(), 1u);
  EXPECT_EQ(ListPrefix("a/x").json()["images"].size(), 0u);
  EXPECT_EQ(Get("/v1/images", victim_).json()["images"].size(), 2u) << "the victim sees its own";
}

TEST_P(ListingAttack, EncodedDotSegmentsAreRefusedToo) {
  for (const std::string query : {"prefix=..%2F", "prefix=%2E%2E/", "prefix=%2e%2e%2f%2e%2e%2f",
                                  "prefix=a%2F..%2F..%2F", "prefix=.%2E/"}) {
    ExpectBadField(ListRaw(query), "prefix", query);
  }
}

TEST_P(ListingAttack, AbsoluteAndEmptySegmentPrefixesAreRefused) {
  // `//x` used to start a walk of `/` that pinned a server thread.
  for (const std::string prefix : {"//x", "/", "/etc/", "a//", "a//b", "\\..\\", "a\\b"}) {
    auto started = std::chrono::steady_clock::now();
    ExpectBadField(ListPrefix(prefix), "prefix", "prefix=" + prefix);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2)) << prefix;
  }
  ExpectBadField(ListRaw("prefix=a%00b"), "prefix", "NUL");
  ExpectBadField(ListRaw("prefix=a%0Ab"), "prefix", "newline");
  ExpectBadField(ListPrefix(std::string(1025, 'a')), "prefix", "1025 bytes");
}

TEST_P(ListingAttack, CursorCannotNameAPlaceOutsideTheProject) {
  for (const std::string after : {"../", "../../x", "/etc/passwd", "a//b", "a/../../b", "a\\b"}) {
    std::string cursor = Base64UrlEncode("k1:" + after);
    ExpectBadField(ListRaw("cursor=" + cursor), "cursor", "cursor after " + after);
    ExpectBadField(ListRaw("prefix=a/&cursor=" + cursor), "cursor", "cursor after " + after);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ListingAttack, ::testing::Values("local", "s3"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace immagin::cp::testing
