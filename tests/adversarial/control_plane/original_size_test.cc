// Size attacks on originals: a tenant uploads more than the size limit through a presigned
// URL that names no size, or an object larger than the limit reaches the store by another
// way (put straight into the bucket); the edge's /internal/v1/originals must refuse it from
// its size, without the control plane ever holding its bytes.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "calendar.h"
#include "control_plane_fixture.h"
#include "immagin/sigv4.h"
#include "s3rver_process.h"

namespace immagin::cp::testing {
namespace {

constexpr int64_t kLimit = 1 << 20;  // 1 MiB

// The server runs in this process: its peak resident memory is ours (kB).
int64_t PeakResidentKilobytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::strtoll(line.c_str() + 6, nullptr, 10);
  return -1;
}

// Where the control plane keeps the tenant's originals: the namespace the tenant API
// names, or (before namespaces existed) the project's row id.
std::string StorageNamespaceOf(const Json& tenant, const TestProject& who) {
  if (tenant.is_object() && tenant.contains("storageNamespace"))
    return tenant["storageNamespace"].get<std::string>();
  return std::to_string(who.project.id);
}

class OriginalSizeAttack : public ControlPlaneTest {
 protected:
  OriginalSizeAttack() { config_.limits.max_upload_bytes = kLimit; }
};

class S3OriginalSizeAttack : public OriginalSizeAttack {
 protected:
  S3OriginalSizeAttack() : s3rver_(dir_ / "s3rver") {
    config_.storage = "s3";
    config_.s3_endpoint = s3rver_.endpoint();
    config_.s3_bucket = S3rverProcess::kBucket;
    config_.s3_access_key = "S3RVER";
    config_.s3_secret_key = "S3RVER";
  }
  void SetUp() override {
    ASSERT_TRUE(s3rver_.running()) << "run `npm ci --prefix tests`";
    StartServer();
  }

  // Streams `bytes` bytes from a file into the bucket at `{ns}/{key}` with the curl
  // command, so that this process (the server's) never holds them.
  bool PutStraightIntoTheBucket(const std::string& ns, const std::string& key, int64_t bytes) {
    auto file = dir_ / "big-upload";
    {
      std::ofstream out(file, std::ios::binary);
      std::string chunk(1 << 20, 'x');
      for (int64_t written = 0; written < bytes; written += static_cast<int64_t>(chunk.size()))
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    }
    std::string url = PresignS3Url(
        "PUT", s3rver_.endpoint(), S3ObjectPath(S3rverProcess::kBucket, ns + "/" + key),
        S3Credentials{"S3RVER", "S3RVER", "us-east-1"}, NowSeconds(), 300);
    std::string command = "curl -sf -o /dev/null -T '" + file.string() + "' '" + url + "'";
    return std::system(command.c_str()) == 0;
  }

  S3rverProcess s3rver_;
};

TEST_F(S3OriginalSizeAttack, PresignWithoutSizeCannotUploadPastTheCap) {
  auto tenant = CreateProject("greedy");
  auto presigned = Post("/v1/images/presign", R"({"key":"huge.jpg"})", tenant);
  ASSERT_EQ(presigned.status, 200) << presigned.body;
  EXPECT_EQ(presigned.json()["maxSize"], kLimit);
  auto put =
      Send("PUT", presigned.json()["uploadUrl"].get<std::string>(), std::string(2 * kLimit, 'x'));
  EXPECT_EQ(put.status, 413) << put.body;
  EXPECT_TRUE(Get("/v1/images", tenant).json()["images"].empty());
  // Within the cap the same kind of URL works.
  auto small = Post("/v1/images/presign", R"({"key":"small.jpg"})", tenant);
  EXPECT_EQ(Send("PUT", small.json()["uploadUrl"].get<std::string>(), "fine").status / 100, 2);
}

TEST_F(S3OriginalSizeAttack, OversizedObjectInTheBucketIsRefusedWithoutReadingIt) {
  auto tenant = CreateProject("planted");
  std::string ns = StorageNamespaceOf(EdgeGet("/internal/v1/tenants/planted").json(), tenant);
  constexpr int64_t kPlanted = 30LL << 20;
  ASSERT_TRUE(PutStraightIntoTheBucket(ns, "big.jpg", kPlanted));
  ASSERT_EQ(Get("/v1/images", tenant).json()["images"][0]["size"], kPlanted) << "it is there";

  int64_t before = PeakResidentKilobytes();
  auto original = EdgeGet("/internal/v1/originals/planted/big.jpg");
  int64_t grown_kb = PeakResidentKilobytes() - before;
  EXPECT_EQ(original.status, 413);
  EXPECT_EQ(original.error_code(), "payload_too_large") << original.body.substr(0, 200);
  EXPECT_EQ(original.error_field(), "key");
  EXPECT_LT(grown_kb, 8 * 1024) << "the server held the object's bytes";
}

TEST_F(OriginalSizeAttack, OversizedLocalOriginalIsRefusedAtStat) {
  auto tenant = CreateProject("planted");
  std::string ns = StorageNamespaceOf(EdgeGet("/internal/v1/tenants/planted").json(), tenant);
  auto path = dir_ / "objects" / ns / "big.jpg";
  std::filesystem::create_directories(path.parent_path());
  {
    std::ofstream out(path, std::ios::binary);
    std::string chunk(kLimit, 'x');
    for (int i = 0; i < 3; ++i) out.write(chunk.data(), static_cast<std::streamsize>(kLimit));
  }
  auto original = EdgeGet("/internal/v1/originals/planted/big.jpg");
  EXPECT_EQ(original.status, 413);
  EXPECT_EQ(original.error_field(), "key");
  EXPECT_LT(original.body.size(), 1024u);
}

}  // namespace
}  // namespace immagin::cp::testing
