// One SQLite connection shared by the server's threads. SQLite serialises writers anyway;
// one connection behind a mutex keeps transactions simple and is far from the bottleneck
// (the HTTP stack is). Other processes (immagin-admin) use the same file through WAL and
// the busy timeout.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "immagin/status.h"

namespace immagin::cp {

// A prepared statement bound positionally (1-based, like SQLite).
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool prepared() const { return stmt_ != nullptr; }
  // Makes the statement ready to be bound and stepped again.
  void Reset();
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);

  // SQLITE_ROW → true, SQLITE_DONE → false; anything else sets error().
  bool Step();
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  int64_t Int(int column) const;
  std::string Text(int column) const;
  std::string Blob(int column) const;
  bool IsNull(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string error_;
};

class Database {
 public:
  // Opens (creating if needed) the file with WAL, foreign keys and a busy timeout, then
  // applies pending migrations.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, int busy_timeout_ms);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs `body` inside BEGIN IMMEDIATE … COMMIT under the connection lock; a failing
  // status rolls back.
  Status Transaction(const std::function<Status(sqlite3*)>& body);
  // Runs `body` under the connection lock without a transaction (single statements).
  Status Run(const std::function<Status(sqlite3*)>& body);

  bool Ping();

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::recursive_mutex mutex_;
};

Error SqlError(sqlite3* db, std::string_view what);
Status Exec(sqlite3* db, const char* sql);

}  // namespace immagin::cp
