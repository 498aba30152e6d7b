// The database a test's control plane runs on. ctest runs every control-plane test twice:
// once on a SQLite file in the test's folder, once (IMMAGIN_TEST_POSTGRES_DIR set, the
// "postgres" fixture of tests/CMakeLists.txt) on a fresh database of the private
// PostgreSQL cluster, dropped when the test ends.
#pragma once

#include <string>
#include <vector>

namespace immagin::cp::testing {

// True when this run's tests use PostgreSQL.
bool OnPostgres();

class TestDatabase {
 public:
  // PostgreSQL: creates a database of its own and exports IMMAGIN_DATABASE_URL, so the
  // control planes and immagin-admin processes a test starts use it too. SQLite: nothing.
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // The URL for Config::database_url; empty on SQLite (the data directory's file).
  const std::string& url() const { return url_; }
  // A second, empty database on the same server (a test's other data directory).
  std::string Another();
  // PostgreSQL: a copy of this test's database (nobody may be connected to it), exported as
  // IMMAGIN_DATABASE_URL for the processes started next; dropped with the others. SQLite:
  // nothing (the database file is copied with its data directory).
  void UseCopy();
  // PostgreSQL: an outage of this database and its end. Refusing cuts every open
  // connection and turns new ones away, as a failed-over or stopped server would.
  void SetAccepting(bool accepting);

 private:
  std::string Create(const std::string& template_name = "");
  std::string url_;
  std::vector<std::string> names_;
};

}  // namespace immagin::cp::testing
