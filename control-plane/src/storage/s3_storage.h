// The S3-compatible backend (AWS S3, R2, MinIO): objects at `{bucket}/{storage namespace}/{key}`,
// requests signed by immagin/s3_request.h (SigV4); uploads go straight to the store through a
// SigV4 presigned PUT.
#pragma once

#include <string>

#include "immagin/sigv4.h"
#include "storage/object_storage.h"

namespace immagin::cp {

struct S3Config {
  std::string endpoint;  // e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000
  std::string bucket;
  S3Credentials credentials;
};

class S3Storage : public ObjectStorage {
 public:
  explicit S3Storage(S3Config config) : config_(std::move(config)) {}

  Result<StoredObject> Put(const std::string& ns, const std::string& key,
                           std::string_view bytes) override;
  Result<StoredObject> Stat(const std::string& ns, const std::string& key) override;
  Result<std::string> Read(const std::string& ns, const std::string& key,
                           int64_t max_bytes) override;
  Status Delete(const std::string& ns, const std::string& key) override;
  Result<ObjectPage> List(const std::string& ns, const std::string& prefix,
                          const std::string& after, int limit) override;
  Status DeleteProject(const std::string& ns) override;
  Status Check() override;
  // Only for a known size: a presigned PUT cannot otherwise bound its body.
  std::optional<std::string> PresignedUploadUrl(const std::string& ns, const std::string& key,
                                                int64_t expires_seconds,
                                                std::optional<int64_t> exact_size) override;

 private:
  std::string ObjectPath(const std::string& ns, const std::string& key) const;
  // ListObjects under the literal S3 prefix `{ns}/{prefix}`.
  Result<ObjectPage> ListUnder(const std::string& root, const std::string& prefix,
                               const std::string& after, int limit);
  S3Config config_;
};

}  // namespace immagin::cp
