// Where originals live, by storage namespace (storage_namespace.h: one per project, never
// reused) and key. The embedded backend is LocalStorage; an S3-compatible backend implements
// the same interface. Every method refuses a namespace that IsStorageNamespace rejects and a
// key (or prefix) that image_key.h rejects, whatever its caller checked before.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "immagin/status.h"

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
  virtual Result<StoredObject> Put(const std::string& ns, const std::string& key,
                                   std::string_view bytes) = 0;
  virtual Result<StoredObject> Stat(const std::string& ns, const std::string& key) = 0;
  // The whole object, or 413 when it is larger than `max_bytes`: never more than
  // `max_bytes` (+ one read's worth) are held in memory, whatever the store holds.
  virtual Result<std::string> Read(const std::string& ns, const std::string& key,
                                   int64_t max_bytes) = 0;
  virtual Status Delete(const std::string& ns, const std::string& key) = 0;
  // Keys starting with `prefix`, strictly after `after`, in byte order.
  virtual Result<ObjectPage> List(const std::string& ns, const std::string& prefix,
                                  const std::string& after, int limit) = 0;
  virtual Status DeleteProject(const std::string& ns) = 0;
  // Whether the backend can serve requests now (/readyz).
  virtual Status Check() = 0;
  // A URL the client PUTs the bytes to directly, when the backend has one (S3) and the
  // upload's exact size is known (it is signed as Content-Length, so the store refuses any
  // other size); nullopt means uploads go through the control plane's own presigned
  // /uploads route, which enforces the size limit itself.
  virtual std::optional<std::string> PresignedUploadUrl(const std::string& /*ns*/,
                                                        const std::string& /*key*/,
                                                        int64_t /*expires_seconds*/,
                                                        std::optional<int64_t> /*exact_size*/) {
    return std::nullopt;
  }
};

// The checks every backend makes before touching the store (namespace, then key).
Status CheckObjectName(const std::string& ns, const std::string& key);
Status CheckNamespace(const std::string& ns);
Error TooLargeOriginal(const std::string& key, int64_t max_bytes);

struct Config;
// The backend the configuration names; the local one is created and cleaned up here.
Result<std::unique_ptr<ObjectStorage>> OpenObjectStorage(const Config& config);

}  // namespace immagin::cp
