#include "storage/object_storage.h"

#include "config.h"
#include "immagin/image_key.h"
#include "storage/local_storage.h"
#include "storage/s3_storage.h"
#include "storage/storage_namespace.h"

namespace immagin::cp {

Status CheckNamespace(const std::string& ns) {
  // Not the caller's input: a namespace comes from the projects table.
  if (!IsStorageNamespace(ns)) return Internal("storage: invalid storage namespace");
  return {};
}

Status CheckObjectName(const std::string& ns, const std::string& key) {
  if (auto status = CheckNamespace(ns); !status.ok()) return status;
  if (auto status = ValidateImageKey(key); !status.ok()) return status.error();
  return {};
}

Error TooLargeOriginal(const std::string& key, int64_t max_bytes) {
  return PayloadTooLarge("key", "the original '" + key + "' is larger than the " +
                                    std::to_string(max_bytes) + "-byte limit");
}

Result<std::unique_ptr<ObjectStorage>> OpenObjectStorage(const Config& config) {
  if (config.storage == "s3") {
    return std::unique_ptr<ObjectStorage>(std::make_unique<S3Storage>(
        S3Config{config.s3_endpoint, config.s3_bucket,
                 S3Credentials{config.s3_access_key, config.s3_secret_key, config.s3_region}}));
  }
  auto local = std::make_unique<LocalStorage>(config.ObjectsDir(), config.TempDir());
  if (auto status = local->Init(); !status.ok()) return status.error();
  return std::unique_ptr<ObjectStorage>(std::move(local));
}

}  // namespace immagin::cp
