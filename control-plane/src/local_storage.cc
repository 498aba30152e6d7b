#include "local_storage.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "api_key_store.h"
#include "immagin/image_key.h"

namespace fs = std::filesystem;

namespace immagin::cp {
namespace {

ApiError IoError(const std::string& what, int err) {
  return Internal("storage: " + what + ": " + std::strerror(err));
}

ApiStatus WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("write", errno);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

void SyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

ApiResult<StoredObject> StatPath(const fs::path& path, const std::string& key) {
  struct stat info{};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode))
    return NotFound("key", "no image '" + key + "'");
  int64_t mtime_ns =
      static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000LL + info.st_mtim.tv_nsec;
  char etag[64];
  std::snprintf(
      etag, sizeof etag, "\"%llx-%llx-%llx\"", static_cast<unsigned long long>(info.st_size),
      static_cast<unsigned long long>(mtime_ns), static_cast<unsigned long long>(info.st_ino));
  return StoredObject{key, static_cast<int64_t>(info.st_size), mtime_ns / 1'000'000, etag};
}

}  // namespace

fs::path LocalStorage::ProjectDir(int64_t project_id) const {
  return objects_dir_ / std::to_string(project_id);
}

ApiStatus LocalStorage::Init() {
  std::error_code ec;
  fs::create_directories(objects_dir_, ec);
  if (ec) return Internal("storage: cannot create " + objects_dir_.string() + ": " + ec.message());
  fs::remove_all(tmp_dir_, ec);
  fs::create_directories(tmp_dir_, ec);
  if (ec) return Internal("storage: cannot create " + tmp_dir_.string() + ": " + ec.message());
  return {};
}

ApiResult<StoredObject> LocalStorage::Put(int64_t project_id, const std::string& key,
                                          std::string_view bytes) {
  if (auto status = ValidateImageKey(key); !status.ok()) return status.error();
  fs::path target = ProjectDir(project_id) / key;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec || fs::is_directory(target))
    return Conflict("key", "'" + key + "' collides with an existing key used as a folder");

  fs::path temp = tmp_dir_ / ("upload-" + RandomBase62(16));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("create temporary file", errno);
  ApiStatus written = WriteAll(fd, bytes);
  if (written.ok() && ::fsync(fd) != 0) written = IoError("fsync", errno);
  ::close(fd);
  if (!written.ok()) {
    fs::remove(temp, ec);
    return written.error();
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    int err = errno;
    fs::remove(temp, ec);
    return IoError("rename into place", err);
  }
  SyncDirectory(target.parent_path());
  return StatPath(target, key);
}

ApiResult<StoredObject> LocalStorage::Stat(int64_t project_id, const std::string& key) {
  if (auto status = ValidateImageKey(key); !status.ok()) return status.error();
  return StatPath(ProjectDir(project_id) / key, key);
}

ApiResult<std::string> LocalStorage::Read(int64_t project_id, const std::string& key) {
  if (auto status = ValidateImageKey(key); !status.ok()) return status.error();
  fs::path path = ProjectDir(project_id) / key;
  if (!fs::is_regular_file(path)) return NotFound("key", "no image '" + key + "'");
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("key", "no image '" + key + "'");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

ApiStatus LocalStorage::Delete(int64_t project_id, const std::string& key) {
  if (auto status = ValidateImageKey(key); !status.ok()) return status.error();
  fs::path root = ProjectDir(project_id);
  fs::path path = root / key;
  if (!fs::is_regular_file(path)) return NotFound("key", "no image '" + key + "'");
  if (::unlink(path.c_str()) != 0) return IoError("delete", errno);
  // Folders exist only because of keys; drop the ones this key leaves empty.
  std::error_code ec;
  for (fs::path dir = path.parent_path(); dir != root && fs::is_empty(dir, ec);
       dir = dir.parent_path()) {
    if (!fs::remove(dir, ec)) break;
  }
  return {};
}

ApiResult<ObjectPage> LocalStorage::List(int64_t project_id, const std::string& prefix,
                                         const std::string& after, int limit) {
  fs::path root = ProjectDir(project_id);
  // Walk only the folder the prefix already pins down.
  fs::path start = root;
  if (auto slash = prefix.rfind('/'); slash != std::string::npos)
    start = root / prefix.substr(0, slash);
  std::vector<std::string> keys;
  std::error_code ec;
  if (fs::is_directory(start, ec)) {
    for (auto it = fs::recursive_directory_iterator(start, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string key = it->path().lexically_relative(root).generic_string();
      if (key.compare(0, prefix.size(), prefix) != 0 || key <= after) continue;
      keys.push_back(std::move(key));
    }
    if (ec) return Internal("storage: listing: " + ec.message());
  }
  std::sort(keys.begin(), keys.end());
  ObjectPage page;
  for (const auto& key : keys) {
    if (static_cast<int>(page.objects.size()) == limit) {
      page.next_after = page.objects.back().key;
      break;
    }
    auto object = StatPath(root / key, key);
    if (object.ok()) page.objects.push_back(std::move(object.value()));  // else deleted meanwhile
  }
  return page;
}

ApiStatus LocalStorage::Check() {
  if (::access(tmp_dir_.c_str(), W_OK) != 0) return IoError("temporary folder", errno);
  return {};
}

ApiStatus LocalStorage::DeleteProject(int64_t project_id) {
  std::error_code ec;
  fs::remove_all(ProjectDir(project_id), ec);
  if (ec) return Internal("storage: deleting project: " + ec.message());
  return {};
}

}  // namespace immagin::cp
