// Presigned upload URLs: the control plane signs (method, storage namespace, tenant, key,
// size limit, expiry) with a server-only HMAC-SHA256 key, so the URL itself is the
// credential and cannot be bent to another key, project, method, larger body or later time.
// The namespace is never reused, so a URL dies with its project even if a new project gets
// the same tenant id (and the same row id).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "immagin/status.h"
#include "store/database.h"

namespace immagin::cp {

struct UploadGrant {
  std::string storage_namespace;
  std::string tenant_id;
  std::string key;
  int64_t max_bytes = 0;
  int64_t expires_at = 0;  // unix seconds
};

class Presigner {
 public:
  explicit Presigner(std::string server_key) : server_key_(std::move(server_key)) {}

  // Loads the server's upload-signing key from the database, creating it on first start.
  static Result<std::string> LoadOrCreateKey(Database& db);

  // `{public_base}/uploads/{tenant}/{key}?max=…&exp=…&sig=…`
  std::string UploadUrl(std::string_view public_base, const UploadGrant& grant) const;

  // Checks a presented upload against what was signed. 403 on any mismatch, 410 expired.
  Status Verify(std::string_view method, const UploadGrant& presented, std::string_view signature,
                int64_t now) const;

 private:
  std::string Sign(std::string_view method, const UploadGrant& grant) const;
  std::string server_key_;
};

}  // namespace immagin::cp
