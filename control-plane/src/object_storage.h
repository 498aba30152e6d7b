// Where originals live, by project and key. The embedded backend is LocalStorage; an
// S3-compatible backend implements the same interface.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_error.h"

namespace immagin::cp {

struct StoredObject {
  std::string key;
  int64_t size = 0;
  int64_t last_modified_ms = 0;
  std::string etag;  // strong, quoted; changes whenever the object is replaced
};

struct ObjectPage {
  std::vector<StoredObject> objects;
  std::optional<std::string> next_after;  // last key of this page when more follow
};

class ObjectStorage {
 public:
  virtual ~ObjectStorage() = default;
  // Atomic: readers see the old object or the whole new one, never a part.
  virtual ApiResult<StoredObject> Put(int64_t project_id, const std::string& key,
                                      std::string_view bytes) = 0;
  virtual ApiResult<StoredObject> Stat(int64_t project_id, const std::string& key) = 0;
  virtual ApiResult<std::string> Read(int64_t project_id, const std::string& key) = 0;
  virtual ApiStatus Delete(int64_t project_id, const std::string& key) = 0;
  // Keys starting with `prefix`, strictly after `after`, in byte order.
  virtual ApiResult<ObjectPage> List(int64_t project_id, const std::string& prefix,
                                     const std::string& after, int limit) = 0;
  virtual ApiStatus DeleteProject(int64_t project_id) = 0;
  // Whether the backend can serve requests now (/readyz).
  virtual ApiStatus Check() = 0;
  // A URL the client PUTs the bytes to directly, when the backend has one (S3); nullopt
  // means uploads go through the control plane's own presigned /uploads route. An
  // `exact_size` binds the upload to that many bytes.
  virtual std::optional<std::string> PresignedUploadUrl(int64_t /*project_id*/,
                                                        const std::string& /*key*/,
                                                        int64_t /*expires_seconds*/,
                                                        std::optional<int64_t> /*exact_size*/) {
    return std::nullopt;
  }
};

struct Config;
// The backend the configuration names; the local one is created and cleaned up here.
ApiResult<std::unique_ptr<ObjectStorage>> OpenObjectStorage(const Config& config);

}  // namespace immagin::cp
