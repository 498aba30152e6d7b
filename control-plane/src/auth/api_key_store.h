// API keys: `imk_` + 24 random base62 characters (~143 bits), shown once at creation and
// stored only as BLAKE2b-256 of the whole key. A fast unkeyed hash is enough here: unlike
// passwords the keys are uniformly random, so no dictionary or brute force can reach a
// preimage, and every request can look its key up by hash in one index probe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "immagin/status.h"
#include "store/database.h"

namespace immagin::cp {

inline constexpr std::string_view kApiKeyPrefix = "imk_";
inline constexpr size_t kApiKeyRandomChars = 24;
inline constexpr size_t kApiKeyShownPrefixChars = 8;  // "imk_aBcD"

struct ApiKeyInfo {
  std::string id;
  int64_t project_id = 0;
  std::string name;
  std::string prefix;
  int64_t created_at = 0;
  std::optional<int64_t> last_used_at;
};

struct CreatedApiKey {
  ApiKeyInfo info;
  std::string key;  // the only time the full key exists outside the client
};

class ApiKeyStore {
 public:
  ApiKeyStore(Database& db, int max_keys_per_project)
      : db_(db), max_keys_per_project_(max_keys_per_project) {}

  Result<CreatedApiKey> Create(int64_t project_id, const std::string& name, int64_t now);
  // Keys not revoked, oldest first.
  Result<std::vector<ApiKeyInfo>> List(int64_t project_id);
  // 404 unless the key exists in this project and is not yet revoked.
  Status Revoke(int64_t project_id, const std::string& key_id, int64_t now);
  // The key's record when `key` is a live key; 401 otherwise. Records the use.
  Result<ApiKeyInfo> Authenticate(std::string_view key, int64_t now);

 private:
  Database& db_;
  int max_keys_per_project_;
};

std::string RandomBase62(size_t length);

}  // namespace immagin::cp
