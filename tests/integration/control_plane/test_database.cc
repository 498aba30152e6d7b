#include "test_database.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>

namespace immagin::cp::testing {
namespace {

// The cluster's maintenance database, from the file the fixture wrote.
std::string MaintenanceUrl() {
  const char* dir = std::getenv("IMMAGIN_TEST_POSTGRES_DIR");
  if (dir == nullptr || *dir == '\0') return {};
  std::ifstream file(std::string(dir) + "/url");
  std::string url;
  std::getline(file, url);
  return url;
}

// `url` (…/postgres?host=…) with another database name.
std::string WithDatabase(const std::string& url, const std::string& name) {
  auto query = url.find('?');
  auto slash = url.rfind('/', query);
  return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

bool Admin(const std::string& sql) {
  PGconn* conn = PQconnectdb(MaintenanceUrl().c_str());
  bool ok = PQstatus(conn) == CONNECTION_OK;
  if (ok) {
    PGresult* result = PQexec(conn, sql.c_str());
    ok = PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
    if (!ok) ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
    PQclear(result);
  } else {
    ADD_FAILURE() << "PostgreSQL test cluster unreachable: " << PQerrorMessage(conn);
  }
  PQfinish(conn);
  return ok;
}

}  // namespace

bool OnPostgres() { return !MaintenanceUrl().empty(); }

TestDatabase::TestDatabase() {
  if (!OnPostgres()) return;
  url_ = Create();
  ::setenv("IMMAGIN_DATABASE_URL", url_.c_str(), 1);
}

TestDatabase::~TestDatabase() {
  if (!url_.empty()) ::unsetenv("IMMAGIN_DATABASE_URL");
  for (const auto& name : names_) Admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

std::string TestDatabase::Another() { return OnPostgres() ? Create() : std::string(); }

void TestDatabase::UseCopy() {
  if (names_.empty()) return;
  std::string copy = Create(names_.front());
  ::setenv("IMMAGIN_DATABASE_URL", copy.c_str(), 1);
}

void TestDatabase::SetAccepting(bool accepting) {
  if (names_.empty()) return;
  const std::string& name = names_.front();
  Admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + (accepting ? "true" : "false"));
  if (!accepting)
    Admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
}

std::string TestDatabase::Create(const std::string& template_name) {
  static std::atomic<int> counter{0};
  std::string name = "test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  std::string sql = "CREATE DATABASE " + name;
  if (!template_name.empty()) sql += " TEMPLATE " + template_name;
  if (!Admin(sql)) return {};
  names_.push_back(name);
  return WithDatabase(MaintenanceUrl(), name);
}

}  // namespace immagin::cp::testing
