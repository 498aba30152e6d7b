// The embedded backend: one SQLite file in WAL mode, foreign keys on, a busy timeout for
// the moments another connection (or immagin-admin) holds the write lock.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

#include "store/connection.h"

namespace immagin::cp {

class SqliteConnection final : public Connection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                        int busy_timeout_ms);
  ~SqliteConnection() override;

  Backend backend() const override { return Backend::kSqlite; }
  std::unique_ptr<StatementBackend> Prepare(std::string_view sql) override;
  Status Exec(std::string_view sql) override;
  int64_t Changes() const override { return sqlite3_changes64(db_); }
  std::string LastError() const override { return sqlite3_errmsg(db_); }
  bool Broken() const override { return false; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace immagin::cp
