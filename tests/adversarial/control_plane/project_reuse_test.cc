// Reuse attacks: a project is deleted while one of its presigned upload URLs is still valid,
// and a new project comes along with the same tenant id (and, before the fix, the same row
// id, which keyed the storage). The old URL must never write into the new project.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "calendar.h"
#include "control_plane_fixture.h"
#include "s3rver_process.h"

namespace immagin::cp::testing {
namespace {

class ProjectReuseAttack : public ControlPlaneTest,
                           public ::testing::WithParamInterface<std::string> {
 protected:
  ProjectReuseAttack() {
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
  }

  // A presigned upload URL for `key` (sized, so that S3 mode hands out a direct S3 PUT).
  std::string PresignUrl(const TestProject& who, const std::string& key, size_t size) {
    auto presigned = Post("/v1/images/presign",
                          DumpJson(Json{{"key", key}, {"size", static_cast<int64_t>(size)}}), who);
    EXPECT_EQ(presigned.status, 200) << presigned.body;
    if (!presigned.json().is_object()) return "";
    return presigned.json()["uploadUrl"].get<std::string>();
  }

  std::unique_ptr<S3rverProcess> s3rver_;
};

TEST_P(ProjectReuseAttack, UploadUrlOfADeletedProjectNeverLandsInANewOne) {
  auto first = CreateProject("reused");
  const std::string bytes = "written after the project was deleted";
  std::string url = PresignUrl(first, "planted.jpg", bytes.size());
  ASSERT_FALSE(url.empty());
  ASSERT_TRUE(projects_->Delete(first.project.id).ok());
  // Same tenant id, and the id SQLite would hand out again if nothing prevented it.
  auto second = CreateProject("reused");

  auto put = Send("PUT", url, bytes);
  if (GetParam() == "local") {
    EXPECT_EQ(put.status, 403) << "the URL is bound to the dead project: " << put.body;
  }
  // In S3 mode the store takes it, under the dead project's namespace, which nobody lists.
  auto listed = Get("/v1/images", second);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_TRUE(listed.json()["images"].empty()) << listed.body;
  EXPECT_EQ(EdgeGet("/internal/v1/originals/reused/planted.jpg").status, 404);
}

TEST_P(ProjectReuseAttack, ProjectIdsAreNeverReused) {
  auto first = CreateProject("first");
  int64_t first_id = first.project.id;
  ASSERT_TRUE(projects_->Delete(first_id).ok());
  auto second = CreateProject("second");
  EXPECT_GT(second.project.id, first_id);
}

TEST_P(ProjectReuseAttack, TenantApiNamesAStorageNamespaceNoProjectShares) {
  auto one = CreateProject("one-1");
  auto two = CreateProject("two-2");
  auto a = EdgeGet("/internal/v1/tenants/one-1").json();
  auto b = EdgeGet("/internal/v1/tenants/two-2").json();
  ASSERT_TRUE(a["storageNamespace"].is_string()) << a.dump();
  ASSERT_TRUE(b["storageNamespace"].is_string()) << b.dump();
  std::string ns = a["storageNamespace"].get<std::string>();
  EXPECT_NE(ns, b["storageNamespace"].get<std::string>());
  EXPECT_NE(ns, "one-1");
  EXPECT_NE(ns, std::to_string(one.project.id));
  EXPECT_EQ(ns.size(), 34u) << ns;
  EXPECT_EQ(ns.rfind("p_", 0), 0u) << ns;
  // And the fields the edge already reads are still there.
  EXPECT_EQ(a["tenant"], "one-1");
  EXPECT_EQ(a["state"], "active");
  EXPECT_FALSE(a["secrets"].empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ProjectReuseAttack, ::testing::Values("local", "s3"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace immagin::cp::testing
