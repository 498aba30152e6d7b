#include "original_source.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "fetch_step.h"

namespace luna {
namespace {

FetchedOriginal Answer(int status, std::string etag = "", size_t size = 0, std::string bytes = "") {
  return {{{"status", status}, {"etag", std::move(etag)}, {"size", size}}, std::move(bytes)};
}

class UrlOriginals : public OriginalSource {
 public:
  FetchedOriginal Fetch(const immagin::Json& step, const std::string&, size_t max_bytes) override {
    const immagin::http::Request request = RequestForStep(step, 30000, max_bytes);
    auto response = immagin::http::Send(request);
    if (!response) {
      // Over the limit: the module answers 413 from the size.
      if (response.error().code == immagin::ErrorCode::kPayloadTooLarge) {
        return Answer(200, "", max_bytes + 1);
      }
      return Answer(0);
    }
    if (response->status != 200) return Answer(response->status);
    const std::string* etag = response->Header("ETag");
    const size_t size = response->body.size();
    return Answer(200, etag != nullptr ? *etag : "", size, std::move(response->body));
  }
};

class DirectoryOriginals : public OriginalSource {
 public:
  explicit DirectoryOriginals(std::string root) : root_(std::move(root)) {}

  FetchedOriginal Fetch(const immagin::Json& step, const std::string& tenant,
                        size_t max_bytes) override {
    // Keys were validated by the module (no "..", no leading "/"): the path stays under root.
    const std::filesystem::path path =
        std::filesystem::path(root_) / tenant / StepText(step, "key");
    struct stat info{};
    if (stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return Answer(404);
    const auto size = static_cast<size_t>(info.st_size);
    if (size > max_bytes) return Answer(200, "", size);
    std::ifstream in(path, std::ios::binary);
    if (!in) return Answer(404);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The version changes whenever the bytes do.
    std::string version = std::to_string(info.st_size) + "-" + std::to_string(info.st_mtim.tv_sec) +
                          "." + std::to_string(info.st_mtim.tv_nsec);
    return Answer(200, std::move(version), bytes.size(), std::move(bytes));
  }

 private:
  std::string root_;
};

}  // namespace

std::unique_ptr<OriginalSource> OriginalsFromUrls() { return std::make_unique<UrlOriginals>(); }

std::unique_ptr<OriginalSource> OriginalsFromDirectory(std::string root) {
  return std::make_unique<DirectoryOriginals>(std::move(root));
}

}  // namespace luna
