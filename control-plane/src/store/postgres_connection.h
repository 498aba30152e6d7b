// The scale-out backend: one libpq connection. Statements are sent with PQexecParams
// (parameters as text, bytea in binary; the server infers every other type from the
// statement), so the stores' SQL needs no backend-specific binding code.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>

#include "store/connection.h"

namespace immagin::cp {

class PostgresConnection final : public Connection {
 public:
  // `conninfo`: a libpq URI or key=value string. `connect_timeout_seconds` applies unless
  // the string names its own.
  static Result<std::unique_ptr<PostgresConnection>> Open(const std::string& conninfo,
                                                          int connect_timeout_seconds);
  ~PostgresConnection() override;

  Backend backend() const override { return Backend::kPostgres; }
  std::unique_ptr<StatementBackend> Prepare(std::string_view sql) override;
  Status Exec(std::string_view sql) override;
  int64_t Changes() const override { return changes_; }
  std::string LastError() const override { return last_error_; }
  bool Broken() const override { return PQstatus(conn_) != CONNECTION_OK; }

  // For statements: what the last one did.
  void Record(PGresult* result);
  PGconn* raw() { return conn_; }

 private:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  PGconn* conn_;
  int64_t changes_ = 0;
  std::string last_error_;
};

// `?` placeholders as PostgreSQL's `$1, $2, …` (outside quoted text); the count in `count`.
std::string NumberedParameters(std::string_view sql, int& count);

}  // namespace immagin::cp
