#include <fstream>
#include <set>
#include <thread>

#include "calendar.h"
#include "control_plane_fixture.h"
#include "immagin/base64url.h"

namespace immagin::cp::testing {
namespace {

class Images : public ControlPlaneTest {
 protected:
  // Replaces one query parameter of a URL.
  static std::string WithParam(const std::string& url, const std::string& name,
                               const std::string& value) {
    auto start = url.find(name + "=");
    auto end = url.find('&', start);
    return url.substr(0, start) + name + "=" + value +
           (end == std::string::npos ? "" : url.substr(end));
  }
  std::string PresignUrl(const TestProject& who, const std::string& key) {
    auto presigned = Post("/v1/images/presign", DumpJson(Json{{"key", key}}), who);
    EXPECT_EQ(presigned.status, 200) << presigned.body;
    return presigned.json()["uploadUrl"].get<std::string>();
  }
  std::filesystem::path ObjectPath(const TestProject& who, const std::string& key) {
    return dir_ / "objects" / who.project.storage_namespace / key;
  }
};

TEST_F(Images, PresignGivesAFiveMinuteUrlForTheKey) {
  auto alice = CreateProject("alice");
  int64_t before = NowSeconds();
  auto presigned = Post("/v1/images/presign", R"({"key":"photos/hero.jpg"})", alice);
  ASSERT_EQ(presigned.status, 200) << presigned.body;
  auto json = presigned.json();
  EXPECT_EQ(json["key"], "photos/hero.jpg");
  std::string url = json["uploadUrl"].get<std::string>();
  EXPECT_EQ(url.rfind(Url("/uploads/alice/photos/hero.jpg?"), 0), 0u) << url;
  std::string expires = json["expiresAt"].get<std::string>();
  EXPECT_TRUE(expires == FormatIso8601(before + 300) || expires == FormatIso8601(before + 301))
      << expires;
}

TEST_F(Images, UploadStoresTheBytesAndListShowsThem) {
  auto alice = CreateProject("alice");
  std::string bytes(100'000, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7);
  auto put = Upload(alice, "photos/hero image.jpg", bytes);
  ASSERT_EQ(put.status, 201) << put.body;
  EXPECT_EQ(put.json()["size"], 100'000);
  EXPECT_FALSE(put.headers["etag"].empty());

  std::ifstream file(ObjectPath(alice, "photos/hero image.jpg"), std::ios::binary);
  std::string on_disk((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(on_disk, bytes);
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "tmp")) << "temporary file left behind";

  auto list = Get("/v1/images", alice);
  ASSERT_EQ(list.status, 200);
  auto images = list.json()["images"];
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0]["key"], "photos/hero image.jpg");
  EXPECT_EQ(images[0]["size"], 100'000);
  EXPECT_TRUE(images[0]["lastModified"].get<std::string>().starts_with(DayOf(NowSeconds())));
  EXPECT_FALSE(list.json().contains("nextCursor"));
}

TEST_F(Images, InvalidKeysAre400NamingTheKey) {
  auto alice = CreateProject("alice");
  for (const char* body : {R"({"key":"../etc/passwd"})", R"({"key":"a//b"})", R"({"key":""})",
                           R"({"key":"a\\b"})", R"({"key":5})", R"({})"}) {
    auto presigned = Post("/v1/images/presign", body, alice);
    EXPECT_EQ(presigned.status, 400) << body;
    EXPECT_EQ(presigned.error_field(), "key") << body << " " << presigned.body;
  }
  auto unknown = Post("/v1/images/presign", R"({"key":"a.jpg","acl":"public"})", alice);
  EXPECT_EQ(unknown.error_field(), "acl");
  auto negative = Post("/v1/images/presign", R"({"key":"a.jpg","size":-1})", alice);
  EXPECT_EQ(negative.status, 400);
  EXPECT_EQ(negative.error_field(), "size");
}

TEST_F(Images, TamperedUploadUrlsAre403) {
  auto alice = CreateProject("alice");
  auto bob = CreateProject("bobby");
  std::string url = PresignUrl(alice, "a.jpg");
  ASSERT_EQ(Send("PUT", url, "x").status, 201);

  std::string other_key = url;
  other_key.replace(other_key.find("/a.jpg"), 6, "/b.jpg");
  EXPECT_EQ(Send("PUT", other_key, "x").status, 403);
  std::string other_tenant = url;
  other_tenant.replace(other_tenant.find("/alice/"), 7, "/bobby/");
  EXPECT_EQ(Send("PUT", other_tenant, "x").status, 403);
  EXPECT_EQ(Send("PUT", WithParam(url, "max", "999999999"), "x").status, 403);
  EXPECT_EQ(Send("PUT", WithParam(url, "exp", "99999999999"), "x").status, 403);
  std::string sig = url.substr(url.find("sig=") + 4);
  sig[3] = sig[3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Send("PUT", WithParam(url, "sig", sig), "x").status, 403);
  std::string no_sig = url.substr(0, url.find("&sig="));
  EXPECT_EQ(Send("PUT", no_sig, "x").status, 403);
  // Another method on the same URL is not an upload.
  EXPECT_EQ(Send("POST", url, "x").status, 405);
  EXPECT_TRUE(Get("/v1/images", bob).json()["images"].empty());
}

TEST_F(Images, ExpiredUploadUrlIsRejected) {
  config_.presign_ttl_seconds = 1;
  StopServer();
  StartServer();
  auto alice = CreateProject("alice");
  std::string url = PresignUrl(alice, "late.jpg");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  auto late = Send("PUT", url, "x");
  EXPECT_EQ(late.status, 410);
  EXPECT_EQ(late.error_code(), "expired");
  EXPECT_FALSE(std::filesystem::exists(ObjectPath(alice, "late.jpg")));
}

TEST_F(Images, OversizedUploadsAre413) {
  config_.limits.max_upload_bytes = 64LL * 1024;
  StopServer();
  StartServer();
  auto alice = CreateProject("alice");
  // Asking for more than the limit at presign time.
  auto big = Post("/v1/images/presign", R"({"key":"a.jpg","size":100000})", alice);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.error_field(), "size");
  // A URL bound to 10 bytes refuses 11.
  auto small = Post("/v1/images/presign", R"({"key":"a.jpg","size":10})", alice).json();
  auto refused = Send("PUT", small["uploadUrl"].get<std::string>(), std::string(11, 'x'));
  EXPECT_EQ(refused.status, 413);
  EXPECT_EQ(refused.error_field(), "body");
  EXPECT_EQ(Send("PUT", small["uploadUrl"].get<std::string>(), std::string(10, 'x')).status, 201);
  // A body past the server's limit is refused from its Content-Length, quickly, and the
  // bytes are dropped without burning CPU (Pistache alone spins on them).
  std::string url = PresignUrl(alice, "b.jpg");
  auto huge = Send("PUT", url, std::string(size_t{16} << 20, 'x'));
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(huge.error_field(), "body");
  EXPECT_LT(huge.seconds, 3.0);
  auto json = Send("POST", Url("/v1/keys"), std::string(size_t{2} << 20, ' '), {alice.auth});
  EXPECT_EQ(json.status, 413);
  EXPECT_FALSE(std::filesystem::exists(ObjectPath(alice, "b.jpg")));
  // The server still answers.
  EXPECT_EQ(Get("/v1/images", alice).status, 200);
}

TEST_F(Images, UnpaidAccountCannotPresignButImagesStayReadable) {
  auto alice = CreateProject("alice");
  ASSERT_EQ(Upload(alice, "kept.jpg", "bytes").status, 201);
  ASSERT_TRUE(accounts_->SetState(alice.project.account_id, "unpaid").ok());
  auto refused = Post("/v1/images/presign", R"({"key":"new.jpg"})", alice);
  EXPECT_EQ(refused.status, 402);
  EXPECT_EQ(refused.error_code(), "payment_required");
  EXPECT_EQ(Get("/v1/images", alice).json()["images"].size(), 1u);
  EXPECT_EQ(EdgeGet("/internal/v1/originals/alice/kept.jpg").status, 200);
  ASSERT_TRUE(accounts_->SetState(alice.project.account_id, "active").ok());
  EXPECT_EQ(Post("/v1/images/presign", R"({"key":"new.jpg"})", alice).status, 200);
}

TEST_F(Images, DeleteRemovesTheOriginal) {
  auto alice = CreateProject("alice");
  ASSERT_EQ(Upload(alice, "dir/sub/a.jpg", "bytes").status, 201);
  auto deleted = Delete("/v1/images/dir/sub/a.jpg", alice);
  EXPECT_EQ(deleted.status, 204);
  EXPECT_FALSE(std::filesystem::exists(ObjectPath(alice, "dir/sub/a.jpg")));
  EXPECT_FALSE(std::filesystem::exists(ObjectPath(alice, "dir"))) << "empty folders stay";
  auto again = Delete("/v1/images/dir/sub/a.jpg", alice);
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(again.error_field(), "key");
  EXPECT_EQ(Delete("/v1/images/a/%2E%2E/b", alice).status, 400);
  EXPECT_EQ(EdgeGet("/internal/v1/originals/alice/dir/sub/a.jpg").status, 404);
}

TEST_F(Images, ReplacingAnImageKeepsOneCopy) {
  auto alice = CreateProject("alice");
  ASSERT_EQ(Upload(alice, "a.jpg", "first").status, 201);
  ASSERT_EQ(Upload(alice, "a.jpg", "second!").status, 201);
  auto images = Get("/v1/images", alice).json()["images"];
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0]["size"], 7);
  // A key that would need an existing key as its folder.
  auto clash = Upload(alice, "a.jpg/b.jpg", "x");
  EXPECT_EQ(clash.status, 409);
  EXPECT_EQ(clash.error_field(), "key");
}

TEST_F(Images, ProjectsCannotSeeOrTouchEachOthersImages) {
  auto alice = CreateProject("alice");
  auto bob = CreateProject("bobby");
  ASSERT_EQ(Upload(alice, "secret.jpg", "alice's").status, 201);
  EXPECT_TRUE(Get("/v1/images", bob).json()["images"].empty());
  EXPECT_EQ(Delete("/v1/images/secret.jpg", bob).status, 404);
  EXPECT_TRUE(std::filesystem::exists(ObjectPath(alice, "secret.jpg")));
  // Bob's upload of the same key is his own object.
  ASSERT_EQ(Upload(bob, "secret.jpg", "bob's!!").status, 201);
  EXPECT_EQ(Get("/v1/images", alice).json()["images"][0]["size"], 7);
  EXPECT_EQ(Get("/v1/images", bob).json()["images"][0]["size"], 7);
  std::ifstream file(ObjectPath(alice, "secret.jpg"));
  std::string content((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "alice's");
}

TEST_F(Images, CursorPaginationWalksThousandsOfKeysWithPrefixes) {
  auto alice = CreateProject("alice");
  // Written straight into the backend's layout: thousands of presigned uploads would only
  // measure fsync. Two go through the API so both paths are in the listing.
  std::set<std::string> cats, all;
  for (int i = 0; i < 2400; ++i) {
    std::string folder = i % 3 == 0 ? "cats/" : (i % 3 == 1 ? "dogs/" : "cats-and-dogs/");
    std::string key = folder + "img-" + std::to_string(i) + ".jpg";
    auto path = ObjectPath(alice, key);
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << i;
    all.insert(key);
    if (folder == "cats/") cats.insert(key);
  }
  ASSERT_EQ(Upload(alice, "cats/zz-api.jpg", "x").status, 201);
  ASSERT_EQ(Upload(alice, "top.jpg", "x").status, 201);
  cats.insert("cats/zz-api.jpg");
  all.insert("cats/zz-api.jpg");
  all.insert("top.jpg");

  auto walk = [&](const std::string& query) {
    std::vector<std::string> keys;
    std::string cursor;
    for (int pages = 0; pages < 100; ++pages) {
      std::string path = "/v1/images?limit=250" + query;
      if (!cursor.empty()) path += "&cursor=" + cursor;
      auto page = Get(path, alice);
      EXPECT_EQ(page.status, 200) << page.body;
      auto json = page.json();
      EXPECT_LE(json["images"].size(), 250u);
      for (const auto& image : json["images"]) keys.push_back(image["key"].get<std::string>());
      if (!json.contains("nextCursor")) break;
      cursor = json["nextCursor"].get<std::string>();
    }
    return keys;
  };
  auto everything = walk("");
  EXPECT_EQ(everything, std::vector<std::string>(all.begin(), all.end()));
  auto only_cats = walk("&prefix=cats/");
  EXPECT_EQ(only_cats, std::vector<std::string>(cats.begin(), cats.end()));
  auto none = walk("&prefix=birds");
  EXPECT_TRUE(none.empty());
  auto cats_and = walk("&prefix=cats");  // both cats/ and cats-and-dogs/
  EXPECT_EQ(cats_and.size(), cats.size() + 800);
}

TEST_F(Images, ListPrefixIsPercentDecoded) {
  auto alice = CreateProject("alice");
  ASSERT_EQ(Upload(alice, "été 2026/plage & mer.jpg", "x").status, 201);
  ASSERT_EQ(Upload(alice, "été 2027/x.jpg", "x").status, 201);
  // As browsers and URLSearchParams send it: UTF-8 percent-encoded, space as '+'.
  auto page = Get("/v1/images?prefix=%C3%A9t%C3%A9+2026%2Fplage+%26", alice);
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(page.json()["images"].size(), 1u);
  EXPECT_EQ(page.json()["images"][0]["key"], "été 2026/plage & mer.jpg");
}

TEST_F(Images, ListValidatesLimitAndCursor) {
  auto alice = CreateProject("alice");
  for (const char* bad : {"0", "1001", "ten", "-5"}) {
    auto page = Get(std::string("/v1/images?limit=") + bad, alice);
    EXPECT_EQ(page.status, 400) << bad;
    EXPECT_EQ(page.error_field(), "limit");
  }
  EXPECT_EQ(Get("/v1/images?limit=1000", alice).status, 200);
  auto cursor = Get("/v1/images?cursor=not-a-cursor", alice);
  EXPECT_EQ(cursor.status, 400);
  EXPECT_EQ(cursor.error_field(), "cursor");
  auto foreign = Get("/v1/images?cursor=" + Base64UrlEncode(std::string("x:abc")), alice);
  EXPECT_EQ(foreign.error_field(), "cursor");
}

TEST_F(Images, DefaultPageSizeIsConfigurable) {
  config_.limits.list_default_limit = 3;
  config_.limits.list_max_limit = 5;
  StopServer();
  StartServer();
  auto alice = CreateProject("alice");
  for (int i = 0; i < 4; ++i) ASSERT_EQ(Upload(alice, std::to_string(i), "x").status, 201);
  auto page = Get("/v1/images", alice).json();
  EXPECT_EQ(page["images"].size(), 3u);
  EXPECT_TRUE(page.contains("nextCursor"));
  EXPECT_EQ(Get("/v1/images?limit=6", alice).status, 400);
}

}  // namespace
}  // namespace immagin::cp::testing
