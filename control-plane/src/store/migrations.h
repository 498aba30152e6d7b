// Versioned schema migrations, applied in order at start inside one transaction each;
// the schema version (dialect.h) records the last one applied. Written for SQLite;
// dialect.cc turns each into PostgreSQL's types.
#pragma once

#include "immagin/status.h"

namespace immagin::cp {

class Database;

int LatestSchemaVersion();
Status ApplyMigrations(Database& db);
// The SQL of migration `version` (1-based), for tests that build an older database.
const char* MigrationSql(int version);

}  // namespace immagin::cp
