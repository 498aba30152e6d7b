#include "storage/local_storage.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <system_error>

#include "auth/api_key_store.h"
#include "immagin/image_key.h"

namespace fs = std::filesystem;

namespace immagin::cp {
namespace {

Error IoError(const std::string& what, int err) {
  return Internal("storage: " + what + ": " + std::strerror(err));
}

Status WriteAll(int fd, std::string_view bytes) {
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

Result<StoredObject> StatPath(const fs::path& path, const std::string& key) {
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

// Whether `path`, once "." and ".." are resolved, is `root` or lies below it. Keys and
// prefixes are validated first; this holds even if a validator ever lets one through.
bool IsInside(const fs::path& root, const fs::path& path) {
  fs::path normal_root = root.lexically_normal();
  fs::path normal = path.lexically_normal();
  auto [root_end, path_it] =
      std::mismatch(normal_root.begin(), normal_root.end(), normal.begin(), normal.end());
  if (root_end == normal_root.end()) return true;
  // "dir/" normalises with a trailing empty element; a mismatch only there is still inside.
  return root_end->empty() && std::next(root_end) == normal_root.end();
}

Result<fs::path> ObjectPath(const fs::path& root, const std::string& key) {
  fs::path path = root / key;
  if (!IsInside(root, path)) return InvalidArgument("key", "must stay inside the project");
  return path;
}

}  // namespace

fs::path LocalStorage::ProjectDir(const std::string& ns) const { return objects_dir_ / ns; }

Status LocalStorage::Init() {
  std::error_code ec;
  fs::create_directories(objects_dir_, ec);
  if (ec) return Internal("storage: cannot create " + objects_dir_.string() + ": " + ec.message());
  fs::remove_all(tmp_dir_, ec);
  fs::create_directories(tmp_dir_, ec);
  if (ec) return Internal("storage: cannot create " + tmp_dir_.string() + ": " + ec.message());
  return {};
}

Result<StoredObject> LocalStorage::Put(const std::string& ns, const std::string& key,
                                       std::string_view bytes) {
  if (auto status = CheckObjectName(ns, key); !status.ok()) return status.error();
  auto resolved = ObjectPath(ProjectDir(ns), key);
  if (!resolved.ok()) return resolved.error();
  const fs::path& target = resolved.value();
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec || fs::is_directory(target))
    return Conflict("key", "'" + key + "' collides with an existing key used as a folder");

  fs::path temp = tmp_dir_ / ("upload-" + RandomBase62(16));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("create temporary file", errno);
  Status written = WriteAll(fd, bytes);
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

Result<StoredObject> LocalStorage::Stat(const std::string& ns, const std::string& key) {
  if (auto status = CheckObjectName(ns, key); !status.ok()) return status.error();
  auto path = ObjectPath(ProjectDir(ns), key);
  if (!path.ok()) return path.error();
  return StatPath(path.value(), key);
}

Result<std::string> LocalStorage::Read(const std::string& ns, const std::string& key,
                                       int64_t max_bytes) {
  if (auto status = CheckObjectName(ns, key); !status.ok()) return status.error();
  auto path = ObjectPath(ProjectDir(ns), key);
  if (!path.ok()) return path.error();
  int fd = ::open(path->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFound("key", "no image '" + key + "'");
  struct stat info{};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return NotFound("key", "no image '" + key + "'");
  }
  if (info.st_size > max_bytes) {
    ::close(fd);
    return TooLargeOriginal(key, max_bytes);
  }
  // The size was checked on this very file; reading stops past the limit anyway, in case
  // it grows meanwhile (a replacement is a rename, so this file does not).
  std::string bytes;
  bytes.reserve(static_cast<size_t>(info.st_size));
  char buffer[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return IoError("read", err);
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
    if (static_cast<int64_t>(bytes.size()) > max_bytes) {
      ::close(fd);
      return TooLargeOriginal(key, max_bytes);
    }
  }
  ::close(fd);
  return bytes;
}

Status LocalStorage::Delete(const std::string& ns, const std::string& key) {
  if (auto status = CheckObjectName(ns, key); !status.ok()) return status.error();
  fs::path root = ProjectDir(ns);
  auto resolved = ObjectPath(root, key);
  if (!resolved.ok()) return resolved.error();
  const fs::path& path = resolved.value();
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

Result<ObjectPage> LocalStorage::List(const std::string& ns, const std::string& prefix,
                                      const std::string& after, int limit) {
  if (auto status = CheckNamespace(ns); !status.ok()) return status.error();
  if (auto status = ValidateImageKeyPrefix(prefix); !status.ok()) return status.error();
  if (!after.empty())
    if (auto status = ValidateImageKey(after, "cursor"); !status.ok()) return status.error();
  fs::path root = ProjectDir(ns);
  // Walk only the folder the prefix already pins down, which must lie inside the project.
  fs::path start = root;
  if (auto slash = prefix.rfind('/'); slash != std::string::npos)
    start = root / prefix.substr(0, slash);
  if (!IsInside(root, start)) return InvalidArgument("prefix", "must stay inside the project");
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

Status LocalStorage::Check() {
  if (::access(tmp_dir_.c_str(), W_OK) != 0) return IoError("temporary folder", errno);
  return {};
}

Status LocalStorage::DeleteProject(const std::string& ns) {
  if (auto status = CheckNamespace(ns); !status.ok()) return status;
  std::error_code ec;
  fs::remove_all(ProjectDir(ns), ec);
  if (ec) return Internal("storage: deleting project: " + ec.message());
  return {};
}

}  // namespace immagin::cp
