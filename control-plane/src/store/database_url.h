// Which database a control plane uses: `--database-url` / IMMAGIN_DATABASE_URL.
//   unset                      the data directory's SQLite file (embedded default)
//   sqlite:///abs/path, sqlite:relative/path   that SQLite file
//   postgres://…, postgresql://…, or key=value   PostgreSQL, handed to libpq unchanged
#pragma once

#include <string>

#include "immagin/status.h"
#include "store/connection.h"

namespace immagin::cp {

struct DatabaseTarget {
  Backend backend = Backend::kSqlite;
  std::string location;  // the file (SQLite) or the libpq connection string
};

Result<DatabaseTarget> ParseDatabaseUrl(const std::string& url);
// The URL without its password, for logs and error messages.
std::string RedactedDatabaseUrl(const std::string& url);

}  // namespace immagin::cp
