// Where originals come from: a local directory ({dir}/{tenant}/{key}) or the control
// plane's storage through its internal API.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "http_client.h"
#include "immagin/status.h"

namespace luna {

struct Original {
  std::vector<uint8_t> bytes;
  std::string version;  // changes whenever the bytes do (storage ETag, or size + mtime)
};

class OriginalSource {
 public:
  virtual ~OriginalSource() = default;
  // kNotFound when there is no such image.
  // Directories and the control plane are keyed by tenant, S3 by the storage namespace.
  virtual immagin::Result<Original> Fetch(const std::string& tenant,
                                          const std::string& storage_namespace,
                                          const std::string& key) = 0;
};

std::unique_ptr<OriginalSource> OriginalsFromDirectory(std::string root, size_t max_bytes);
std::unique_ptr<OriginalSource> OriginalsFromControlPlane(std::string base_url,
                                                          std::string edge_token, size_t max_bytes);

// S3-compatible storage, path-style: {endpoint}/{bucket}/{prefix}{tenant}/{key}.
struct S3Location {
  std::string endpoint;  // e.g. https://s3.eu-west-1.amazonaws.com, http://127.0.0.1:9000
  std::string bucket;
  std::string prefix;
  AwsCredentials credentials;
};
std::unique_ptr<OriginalSource> OriginalsFromS3(S3Location location, size_t max_bytes);

}  // namespace luna
