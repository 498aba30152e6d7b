// The same storage tests for every backend: the embedded local directory and the
// S3-compatible one (against s3rver on loopback).
#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "control_plane_fixture.h"
#include "s3rver_process.h"
#include "storage/local_storage.h"
#include "storage/s3_storage.h"

namespace immagin::cp::testing {
namespace {

class StorageConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir();
    if (GetParam() == "local") {
      auto local = std::make_unique<LocalStorage>(dir_ / "objects", dir_ / "tmp");
      ASSERT_TRUE(local->Init().ok());
      storage_ = std::move(local);
    } else {
      s3rver_ = std::make_unique<S3rverProcess>(dir_ / "s3rver");
      ASSERT_TRUE(s3rver_->running())
          << "s3rver did not start: run `npm ci --prefix tests` (scripts/test.sh does)";
      storage_ = std::make_unique<S3Storage>(
          S3Config{s3rver_->endpoint(), S3rverProcess::kBucket, S3Credentials{"S3RVER", "S3RVER"}});
    }
  }
  void TearDown() override {
    storage_.reset();
    s3rver_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<S3rverProcess> s3rver_;
  std::unique_ptr<ObjectStorage> storage_;
};

TEST_P(StorageConformance, PutStatReadDelete) {
  std::string bytes(70'000, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 31);
  auto put = storage_->Put("7", "photos/a b+c.jpg", bytes);
  ASSERT_TRUE(put.ok()) << put.error().message;
  EXPECT_EQ(put->size, 70'000);
  auto stat = storage_->Stat("7", "photos/a b+c.jpg");
  ASSERT_TRUE(stat.ok()) << stat.error().message;
  EXPECT_EQ(stat->size, 70'000);
  EXPECT_FALSE(stat->etag.empty());
  EXPECT_GT(stat->last_modified_ms, 1'700'000'000'000);
  auto read = storage_->Read("7", "photos/a b+c.jpg", 1 << 20);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.value(), bytes);
  EXPECT_EQ(HttpStatus(storage_->Read("8", "photos/a b+c.jpg", 1 << 20).error().code), 404)
      << "other project";
  ASSERT_TRUE(storage_->Delete("7", "photos/a b+c.jpg").ok());
  EXPECT_EQ(HttpStatus(storage_->Stat("7", "photos/a b+c.jpg").error().code), 404);
  EXPECT_EQ(HttpStatus(storage_->Delete("7", "photos/a b+c.jpg").error().code), 404);
}

TEST_P(StorageConformance, ReplacingChangesTheETag) {
  ASSERT_TRUE(storage_->Put("1", "k.jpg", "first").ok());
  auto first = storage_->Stat("1", "k.jpg");
  ASSERT_TRUE(storage_->Put("1", "k.jpg", "second!").ok());
  auto second = storage_->Stat("1", "k.jpg");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->etag, second->etag);
  EXPECT_EQ(second->size, 7);
}

TEST_P(StorageConformance, InvalidKeysAreRefused) {
  for (const char* key : {"../x", "a//b", "", "a\\b"}) {
    auto put = storage_->Put("1", key, "x");
    ASSERT_FALSE(put.ok()) << key;
    EXPECT_EQ(HttpStatus(put.error().code), 400);
    EXPECT_EQ(put.error().field, "key");
  }
}

TEST_P(StorageConformance, ListPagesInKeyOrderWithPrefixes) {
  std::set<std::string> all, cats;
  for (int i = 0; i < 120; ++i) {
    std::string key = (i % 2 ? "cats/" : "dogs/") + std::to_string(1000 + i) + ".jpg";
    ASSERT_TRUE(storage_->Put("3", key, "x").ok());
    all.insert(key);
    if (i % 2) cats.insert(key);
  }
  ASSERT_TRUE(storage_->Put("4", "cats/other-project.jpg", "x").ok());
  auto walk = [&](const std::string& prefix) {
    std::vector<std::string> keys;
    std::string after;
    for (int pages = 0; pages < 50; ++pages) {
      auto page = storage_->List("3", prefix, after, 25);
      EXPECT_TRUE(page.ok()) << page.error().message;
      if (!page.ok()) break;
      EXPECT_LE(page->objects.size(), 25u);
      for (const auto& object : page->objects) {
        keys.push_back(object.key);
        EXPECT_EQ(object.size, 1);
      }
      if (!page->next_after) break;
      after = *page->next_after;
    }
    return keys;
  };
  EXPECT_EQ(walk(""), std::vector<std::string>(all.begin(), all.end()));
  EXPECT_EQ(walk("cats/"), std::vector<std::string>(cats.begin(), cats.end()));
  EXPECT_TRUE(walk("birds/").empty());
}

TEST_P(StorageConformance, DeleteProjectRemovesOnlyThatProject) {
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(storage_->Put("5", "k/" + std::to_string(i), "x").ok());
  ASSERT_TRUE(storage_->Put("6", "kept.jpg", "x").ok());
  ASSERT_TRUE(storage_->DeleteProject("5").ok());
  EXPECT_EQ(storage_->PresignedUploadUrl("5", "k", 300, 1).has_value(), GetParam() == "s3");
  EXPECT_FALSE(storage_->PresignedUploadUrl("5", "k", 300, std::nullopt).has_value())
      << "without a size, uploads go through the control plane, which caps them";
  auto gone = storage_->List("5", "", "", 100);
  ASSERT_TRUE(gone.ok());
  EXPECT_TRUE(gone->objects.empty());
  EXPECT_TRUE(storage_->Stat("6", "kept.jpg").ok());
  EXPECT_TRUE(storage_->Check().ok());
}

TEST_P(StorageConformance, ListingRefusesPrefixesAndCursorsOutsideTheNamespace) {
  ASSERT_TRUE(storage_->Put("1", "secret.jpg", "x").ok());
  for (const char* prefix : {"../", "..", "../1/", "//x", "/", "a/../../"}) {
    auto page = storage_->List("2", prefix, "", 10);
    ASSERT_FALSE(page.ok()) << prefix;
    EXPECT_EQ(HttpStatus(page.error().code), 400) << prefix;
    EXPECT_EQ(page.error().field, "prefix");
  }
  auto page = storage_->List("2", "", "../1/", 10);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().field, "cursor");
}

TEST_P(StorageConformance, OnlyStorageNamespacesAreAccepted) {
  for (const char* ns : {"", "..", "../objects", "1/..", "01", "p_0123",
                         "P_0123456789abcdef0123456789abcdef", "tenant-id"}) {
    EXPECT_FALSE(storage_->Put(ns, "k.jpg", "x").ok()) << ns;
    EXPECT_FALSE(storage_->List(ns, "", "", 10).ok()) << ns;
    EXPECT_FALSE(storage_->DeleteProject(ns).ok()) << ns;
  }
  EXPECT_TRUE(storage_->Put("p_0123456789abcdef0123456789abcdef", "k.jpg", "x").ok());
}

TEST_P(StorageConformance, ReadNeverHoldsMoreThanTheLimit) {
  const std::string bytes(3 << 20, 'x');
  ASSERT_TRUE(storage_->Put("9", "big.jpg", bytes).ok());
  auto refused = storage_->Read("9", "big.jpg", 1 << 20);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(HttpStatus(refused.error().code), 413);
  EXPECT_EQ(refused.error().field, "key");
  auto exact = storage_->Read("9", "big.jpg", 3 << 20);
  ASSERT_TRUE(exact.ok()) << exact.error().message;
  EXPECT_EQ(exact->size(), bytes.size());
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageConformance, ::testing::Values("local", "s3"),
                         [](const auto& info) { return info.param; });

// The SDK's upload flow, unchanged, on the S3 backend: presign (the SDK sends the size),
// PUT the bytes to the URL, list, the edge reads the original, delete.
class S3Backend : public ControlPlaneTest {
 protected:
  S3Backend() : s3rver_(dir_ / "s3rver") {
    config_.storage = "s3";
    config_.s3_endpoint = s3rver_.endpoint();
    config_.s3_bucket = S3rverProcess::kBucket;
    config_.s3_access_key = "S3RVER";
    config_.s3_secret_key = "S3RVER";
  }
  S3rverProcess s3rver_;
};

TEST_F(S3Backend, UploadFlowWorksUnchanged) {
  ASSERT_TRUE(s3rver_.running());
  auto alice = CreateProject("alice");
  auto presigned = Post("/v1/images/presign", R"({"key":"photos/hero.jpg","size":14})", alice);
  ASSERT_EQ(presigned.status, 200) << presigned.body;
  std::string url = presigned.json()["uploadUrl"].get<std::string>();
  EXPECT_EQ(url.rfind(s3rver_.endpoint() + "/immagin/", 0), 0u) << url;
  EXPECT_NE(url.find("X-Amz-Signature="), std::string::npos);
  EXPECT_NE(url.find("X-Amz-Expires=300"), std::string::npos);
  auto put = Send("PUT", url, "original bytes");
  ASSERT_EQ(put.status, 200) << put.body;

  auto images = Get("/v1/images", alice).json()["images"];
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0]["key"], "photos/hero.jpg");
  EXPECT_EQ(images[0]["size"], 14);
  auto original = EdgeGet("/internal/v1/originals/alice/photos/hero.jpg");
  EXPECT_EQ(original.status, 200);
  EXPECT_EQ(original.body, "original bytes");
  auto bob = CreateProject("bobby");
  EXPECT_TRUE(Get("/v1/images", bob).json()["images"].empty());
  EXPECT_EQ(Delete("/v1/images/photos/hero.jpg", alice).status, 204);
  EXPECT_EQ(Delete("/v1/images/photos/hero.jpg", alice).status, 404);
  EXPECT_EQ(Send("GET", Url("/readyz")).status, 200);
}

// s3rver.mjs verifies presigned URLs here (--verify-presigned), as S3 does.
TEST_F(S3Backend, ASizedPresignRefusesABodyOfAnotherSize) {
  ASSERT_TRUE(s3rver_.running());
  auto alice = CreateProject("alice");
  auto presigned = Post("/v1/images/presign", R"({"key":"photos/é 1.jpg","size":5})", alice);
  ASSERT_EQ(presigned.status, 200) << presigned.body;
  std::string url = presigned.json()["uploadUrl"].get<std::string>();
  EXPECT_EQ(Send("PUT", url, "123456").status, 403) << "one byte more";
  EXPECT_EQ(Send("PUT", url, "1234").status, 403) << "one byte less";
  std::string tampered = url;
  tampered.replace(tampered.find("X-Amz-Expires=300"), 17, "X-Amz-Expires=900");
  EXPECT_EQ(Send("PUT", tampered, "12345").status, 403) << "a longer lifetime";
  EXPECT_EQ(Send("PUT", url, "12345").status, 200);
  EXPECT_EQ(Get("/v1/images", alice).json()["images"][0]["size"], 5);
}

TEST_F(S3Backend, AnUnsizedPresignUploadsThroughTheControlPlane) {
  ASSERT_TRUE(s3rver_.running());
  auto alice = CreateProject("alice");
  auto presigned = Post("/v1/images/presign", R"({"key":"b.jpg"})", alice);
  ASSERT_EQ(presigned.status, 200) << presigned.body;
  std::string url = presigned.json()["uploadUrl"].get<std::string>();
  EXPECT_EQ(url.rfind(Url("/uploads/alice/b.jpg?"), 0), 0u) << url;
  EXPECT_EQ(Send("PUT", url, "relayed").status, 201);
  EXPECT_EQ(EdgeGet("/internal/v1/originals/alice/b.jpg").body, "relayed");
}

TEST_F(S3Backend, ASizedPresignBindsTheContentLength) {
  ASSERT_TRUE(s3rver_.running());
  auto alice = CreateProject("alice");
  auto presigned = Post("/v1/images/presign", R"({"key":"a.jpg","size":5})", alice);
  ASSERT_EQ(presigned.status, 200) << presigned.body;
  std::string url = presigned.json()["uploadUrl"].get<std::string>();
  EXPECT_NE(url.find("X-Amz-SignedHeaders=content-length%3Bhost"), std::string::npos) << url;
  EXPECT_EQ(Send("PUT", url, "12345").status, 200);
  EXPECT_EQ(Get("/v1/images", alice).json()["images"][0]["size"], 5);
}

}  // namespace
}  // namespace immagin::cp::testing
