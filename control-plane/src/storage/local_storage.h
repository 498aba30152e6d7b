// The embedded storage backend: `{objects}/{storage namespace}/{key}` on the local disk. Uploads
// are written to `{tmp}` first, fsynced and renamed into place, so a killed upload leaves
// only a temporary file, which the next start removes.
#pragma once

#include <filesystem>

#include "storage/object_storage.h"

namespace immagin::cp {

class LocalStorage : public ObjectStorage {
 public:
  LocalStorage(std::filesystem::path objects_dir, std::filesystem::path tmp_dir)
      : objects_dir_(std::move(objects_dir)), tmp_dir_(std::move(tmp_dir)) {}

  // Creates the directories and removes leftovers of interrupted uploads.
  Status Init();

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

 private:
  std::filesystem::path ProjectDir(const std::string& ns) const;
  std::filesystem::path objects_dir_;
  std::filesystem::path tmp_dir_;
};

}  // namespace immagin::cp
