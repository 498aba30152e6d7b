// The S3-compatible backend (AWS S3, R2, MinIO): objects at `{bucket}/{project id}/{key}`,
// SigV4-signed requests over libcurl; uploads go straight to the store through a SigV4
// presigned PUT.
#pragma once

#include <string>

#include "immagin/sigv4.h"
#include "object_storage.h"

namespace immagin::cp {

struct S3Config {
  std::string endpoint;  // e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000
  std::string bucket;
  S3Credentials credentials;
};

class S3Storage : public ObjectStorage {
 public:
  explicit S3Storage(S3Config config) : config_(std::move(config)) {}

  ApiResult<StoredObject> Put(int64_t project_id, const std::string& key,
                              std::string_view bytes) override;
  ApiResult<StoredObject> Stat(int64_t project_id, const std::string& key) override;
  ApiResult<std::string> Read(int64_t project_id, const std::string& key) override;
  ApiStatus Delete(int64_t project_id, const std::string& key) override;
  ApiResult<ObjectPage> List(int64_t project_id, const std::string& prefix,
                             const std::string& after, int limit) override;
  ApiStatus DeleteProject(int64_t project_id) override;
  ApiStatus Check() override;
  std::optional<std::string> PresignedUploadUrl(int64_t project_id, const std::string& key,
                                                int64_t expires_seconds,
                                                std::optional<int64_t> exact_size) override;

 private:
  std::string ObjectPath(int64_t project_id, const std::string& key) const;
  S3Config config_;
};

}  // namespace immagin::cp
