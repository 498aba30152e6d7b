#include "object_storage.h"

#include "config.h"
#include "local_storage.h"
#include "s3_storage.h"

namespace immagin::cp {

ApiResult<std::unique_ptr<ObjectStorage>> OpenObjectStorage(const Config& config) {
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
