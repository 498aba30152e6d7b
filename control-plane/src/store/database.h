// The control plane's database: SQLite (embedded default) or PostgreSQL (several replicas
// on one database), behind a pool of connections. Stores hand it a function of one
// Connection; it picks a free connection (or the one this thread already holds, so a store
// called from inside a transaction joins it), and returns it afterwards.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "immagin/status.h"
#include "store/connection.h"
#include "store/database_url.h"

namespace immagin::cp {

struct DatabaseOptions {
  // Connections kept at most; a caller waits up to busy_timeout_ms for a free one.
  int pool_size = 4;
  // SQLite: how long a statement waits for another connection's write lock.
  int busy_timeout_ms = 5000;
  // PostgreSQL: how long opening a connection may take.
  int connect_timeout_seconds = 5;
};

class Database {
 public:
  // `url` as in database_url.h (a bare path is a SQLite file). Opens one connection, so an
  // unreachable server or an unwritable file is an error here, then applies pending
  // migrations.
  static Result<std::unique_ptr<Database>> Open(const std::string& url,
                                                const DatabaseOptions& options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs `body` in a write transaction (dialect.h: BeginWrite); a failing status rolls back.
  Status Transaction(const std::function<Status(Connection&)>& body);
  // Runs `body` on a connection without a transaction (single statements).
  Status Run(const std::function<Status(Connection&)>& body);

  bool Ping();
  Backend backend() const { return target_.backend; }

 private:
  using Factory = std::function<Result<std::unique_ptr<Connection>>()>;
  Database(DatabaseTarget target, DatabaseOptions options, Factory factory)
      : target_(std::move(target)), options_(options), factory_(std::move(factory)) {}

  Status With(bool transaction, const std::function<Status(Connection&)>& body);
  Result<Connection*> Acquire();
  void Release(Connection* connection);

  DatabaseTarget target_;
  DatabaseOptions options_;
  Factory factory_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // idle + lent out
};

}  // namespace immagin::cp
