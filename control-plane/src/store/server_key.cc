#include "store/server_key.h"

#include <sodium.h>

namespace immagin::cp {

Result<std::string> LoadOrCreateServerKey(Database& db, const std::string& name, size_t bytes) {
  std::string key;
  auto status = db.Transaction([&](Connection& raw) -> Status {
    Statement row(raw, "SELECT value FROM server_secrets WHERE name = ?");
    row.Bind(1, name);
    if (row.Step()) {
      key = row.Blob(0);
      return {};
    }
    if (row.failed()) return SqlError(raw, "reading server key");
    key.assign(bytes, '\0');
    randombytes_buf(key.data(), key.size());
    Statement insert(raw, "INSERT INTO server_secrets (name, value) VALUES (?, ?)");
    insert.Bind(1, name).BindBlob(2, key);
    insert.Step();
    if (insert.failed()) return SqlError(raw, "storing server key");
    return {};
  });
  if (!status.ok()) return status.error();
  if (key.size() != bytes) return Internal("corrupt server key '" + name + "'");
  return key;
}

}  // namespace immagin::cp
