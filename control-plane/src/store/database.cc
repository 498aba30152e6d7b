#include "store/database.h"

#include <chrono>

#include "store/dialect.h"
#include "store/migrations.h"
#include "store/postgres_connection.h"
#include "store/sqlite_connection.h"

namespace immagin::cp {
namespace {

// The connection each thread holds, per database, while a body runs.
struct Held {
  const Database* db;
  Connection* connection;
  bool in_transaction;
};
thread_local std::vector<Held> t_held;

Held* HeldBy(const Database* db) {
  for (auto& held : t_held)
    if (held.db == db) return &held;
  return nullptr;
}

Status InTransaction(Connection& db, const std::function<Status(Connection&)>& body) {
  if (auto status = BeginWrite(db); !status.ok()) {
    (void)db.Exec("ROLLBACK;");
    return status;
  }
  Status status = body(db);
  if (!status.ok()) {
    (void)db.Exec("ROLLBACK;");
    return status;
  }
  if (auto commit = db.Exec("COMMIT;"); !commit.ok()) {
    (void)db.Exec("ROLLBACK;");
    return commit;
  }
  return {};
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& url,
                                                 const DatabaseOptions& options) {
  auto target = ParseDatabaseUrl(url.find(':') == std::string::npos ? "sqlite:" + url : url);
  if (!target.ok()) return target.error();
  Factory factory;
  if (target->backend == Backend::kSqlite) {
    factory = [path = target->location,
               timeout = options.busy_timeout_ms]() -> Result<std::unique_ptr<Connection>> {
      auto opened = SqliteConnection::Open(path, timeout);
      if (!opened.ok()) return opened.error();
      return std::unique_ptr<Connection>(std::move(opened.value()));
    };
  } else {
    factory = [conninfo = target->location,
               timeout = options.connect_timeout_seconds]() -> Result<std::unique_ptr<Connection>> {
      auto opened = PostgresConnection::Open(conninfo, timeout);
      if (!opened.ok()) return opened.error();
      return std::unique_ptr<Connection>(std::move(opened.value()));
    };
  }
  auto first = factory();
  if (!first.ok()) return first.error();
  DatabaseOptions bounded = options;
  if (bounded.pool_size < 1) bounded.pool_size = 1;
  std::unique_ptr<Database> db(new Database(target.value(), bounded, std::move(factory)));
  db->idle_.push_back(std::move(first.value()));
  db->open_ = 1;
  if (auto status = ApplyMigrations(*db); !status.ok()) return status.error();
  return db;
}

Database::~Database() = default;

Result<Connection*> Database::Acquire() {
  std::unique_lock lock(mutex_);
  bool free = freed_.wait_for(lock, std::chrono::milliseconds(options_.busy_timeout_ms),
                              [&] { return !idle_.empty() || open_ < options_.pool_size; });
  if (!free) {
    Error error{ErrorCode::kUnavailable, "",
                "database: all " + std::to_string(options_.pool_size) + " connections busy"};
    error.retry_after_seconds = 1;
    return error;
  }
  if (!idle_.empty()) {
    Connection* connection = idle_.back().release();
    idle_.pop_back();
    return connection;
  }
  ++open_;
  lock.unlock();
  auto opened = factory_();
  if (!opened.ok()) {
    lock.lock();
    --open_;
    freed_.notify_one();
    return opened.error();
  }
  return opened.value().release();
}

void Database::Release(Connection* connection) {
  std::unique_ptr<Connection> owned(connection);
  std::lock_guard lock(mutex_);
  if (owned->Broken()) {
    --open_;  // the next caller opens a new one
  } else {
    idle_.push_back(std::move(owned));
  }
  freed_.notify_one();
}

Status Database::With(bool transaction, const std::function<Status(Connection&)>& body) {
  if (Held* held = HeldBy(this)) {
    if (!transaction || held->in_transaction) return body(*held->connection);
    held->in_transaction = true;
    Status status = InTransaction(*held->connection, body);
    held->in_transaction = false;
    return status;
  }
  auto connection = Acquire();
  if (!connection.ok()) return connection.error();
  t_held.push_back(Held{this, connection.value(), transaction});
  Status status =
      transaction ? InTransaction(*connection.value(), body) : body(*connection.value());
  std::erase_if(t_held, [&](const Held& held) { return held.db == this; });
  Release(connection.value());
  return status;
}

Status Database::Transaction(const std::function<Status(Connection&)>& body) {
  return With(true, body);
}

Status Database::Run(const std::function<Status(Connection&)>& body) { return With(false, body); }

bool Database::Ping() {
  auto status = Run([](Connection& db) -> Status {
    Statement stmt(db, "SELECT 1");
    if (stmt.Step() && stmt.Int(0) == 1) return {};
    return SqlError(db, "ping");
  });
  return status.ok();
}

}  // namespace immagin::cp
