// One connection to the database, SQLite or PostgreSQL, used by one thread at a time (the
// pool in database.h hands them out). Stores write their SQL once, in the subset both
// backends share: `?` parameters, `ON CONFLICT … DO NOTHING/UPDATE`, `RETURNING`; what
// differs (schema types, schema versions, write locks) is in dialect.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "immagin/status.h"

namespace immagin::cp {

enum class Backend { kSqlite, kPostgres };

// A prepared statement of one backend; Statement below is what stores use.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void Reset() = 0;
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindText(int index, std::string_view text) = 0;
  virtual void BindBlob(int index, std::string_view bytes) = 0;
  virtual void BindNull(int index) = 0;
  // A row → true; done → false; a failure → false with `error` set.
  virtual bool Step(std::string& error) = 0;
  virtual int64_t Int(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual std::string Blob(int column) const = 0;
  virtual bool IsNull(int column) const = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;
  // nullptr with LastError() when the SQL does not prepare.
  virtual std::unique_ptr<StatementBackend> Prepare(std::string_view sql) = 0;
  // Statements without parameters, several allowed (migrations, BEGIN, COMMIT).
  virtual Status Exec(std::string_view sql) = 0;
  // Rows inserted, updated or deleted by the last statement run to its end.
  virtual int64_t Changes() const = 0;
  virtual std::string LastError() const = 0;
  // The server is gone (PostgreSQL): the pool drops the connection, errors answer 503.
  virtual bool Broken() const = 0;
};

// A prepared statement bound positionally (1-based, like SQLite).
class Statement {
 public:
  Statement(Connection& db, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool prepared() const { return impl_ != nullptr; }
  // Makes the statement ready to be bound and stepped again.
  void Reset();
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);

  // A row → true, done → false; anything else sets error().
  bool Step();
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  int64_t Int(int column) const { return impl_->Int(column); }
  std::string Text(int column) const { return impl_->Text(column); }
  std::string Blob(int column) const { return impl_->Blob(column); }
  bool IsNull(int column) const { return impl_->IsNull(column); }

 private:
  std::unique_ptr<StatementBackend> impl_;
  std::string error_;
};

// A failed statement as an error value: 503 when the database is unreachable, else 500.
Error SqlError(Connection& db, std::string_view what);
Status Exec(Connection& db, std::string_view sql);

}  // namespace immagin::cp
