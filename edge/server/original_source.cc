#include "original_source.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "http_client.h"
#include "immagin/percent_encoding.h"

namespace luna {
namespace {

immagin::Error Missing(const std::string& key) {
  return immagin::Error{immagin::ErrorCode::kNotFound, "key",
                        "no image with key \"" + key + "\" in this project"};
}

// A storage answer → the original: 404 is a missing key, other failures the storage's.
immagin::Result<Original> FromStorage(immagin::Result<HttpResult> response, const std::string& key,
                                      std::string_view storage, size_t max_bytes) {
  if (!response) return response.error();
  if (response->status == 404) return Missing(key);
  if (response->status != 200) {
    return immagin::Error{immagin::ErrorCode::kUnavailable, "",
                          std::string(storage) + " answered " + std::to_string(response->status)};
  }
  if (response->body.size() > max_bytes) {
    return immagin::Error{immagin::ErrorCode::kPayloadTooLarge, "",
                          "the original is " + std::to_string(response->body.size()) +
                              " bytes; the limit is " + std::to_string(max_bytes)};
  }
  Original original;
  original.bytes.assign(response->body.begin(), response->body.end());
  original.version =
      response->etag.empty() ? std::to_string(response->body.size()) : response->etag;
  return original;
}

class DirectoryOriginals : public OriginalSource {
 public:
  DirectoryOriginals(std::string root, size_t max_bytes)
      : root_(std::move(root)), max_bytes_(max_bytes) {}

  immagin::Result<Original> Fetch(const std::string& tenant, const std::string&,
                                  const std::string& key) override {
    // Keys were validated (no "..", no leading "/"), so the path stays under the root.
    const std::filesystem::path path = std::filesystem::path(root_) / tenant / key;
    struct stat info{};
    if (stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return Missing(key);
    if (static_cast<size_t>(info.st_size) > max_bytes_) {
      return immagin::Error{immagin::ErrorCode::kPayloadTooLarge, "",
                            "the original is " + std::to_string(info.st_size) +
                                " bytes; the limit is " + std::to_string(max_bytes_)};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Missing(key);
    Original original;
    original.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    original.version = std::to_string(info.st_size) + "-" + std::to_string(info.st_mtim.tv_sec) +
                       "." + std::to_string(info.st_mtim.tv_nsec);
    return original;
  }

 private:
  std::string root_;
  size_t max_bytes_;
};

class ControlPlaneOriginals : public OriginalSource {
 public:
  ControlPlaneOriginals(std::string base_url, std::string token, size_t max_bytes)
      : base_url_(std::move(base_url)), token_(std::move(token)), max_bytes_(max_bytes) {}

  immagin::Result<Original> Fetch(const std::string& tenant, const std::string&,
                                  const std::string& key) override {
    return FromStorage(
        HttpGet(base_url_ + "/internal/v1/originals/" + immagin::PercentEncode(tenant) + "/" +
                    immagin::PercentEncode(key, /*keep_slash=*/true),
                token_, 30000, max_bytes_),
        key, "storage", max_bytes_);
  }

 private:
  std::string base_url_;
  std::string token_;
  size_t max_bytes_;
};

class S3Originals : public OriginalSource {
 public:
  S3Originals(S3Location location, size_t max_bytes)
      : location_(std::move(location)), max_bytes_(max_bytes) {}

  immagin::Result<Original> Fetch(const std::string&, const std::string& storage_namespace,
                                  const std::string& key) override {
    const std::string url = location_.endpoint + "/" + immagin::PercentEncode(location_.bucket) +
                            "/" +
                            immagin::PercentEncode(location_.prefix + storage_namespace + "/" + key,
                                                   /*keep_slash=*/true);
    return FromStorage(HttpGetSigV4(url, location_.credentials, 30000, max_bytes_), key,
                       "S3 storage", max_bytes_);
  }

 private:
  S3Location location_;
  size_t max_bytes_;
};

}  // namespace

std::unique_ptr<OriginalSource> OriginalsFromS3(S3Location location, size_t max_bytes) {
  return std::make_unique<S3Originals>(std::move(location), max_bytes);
}

std::unique_ptr<OriginalSource> OriginalsFromDirectory(std::string root, size_t max_bytes) {
  return std::make_unique<DirectoryOriginals>(std::move(root), max_bytes);
}

std::unique_ptr<OriginalSource> OriginalsFromControlPlane(std::string base_url,
                                                          std::string edge_token,
                                                          size_t max_bytes) {
  return std::make_unique<ControlPlaneOriginals>(std::move(base_url), std::move(edge_token),
                                                 max_bytes);
}

}  // namespace luna
