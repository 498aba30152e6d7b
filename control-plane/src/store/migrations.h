// Versioned schema migrations, applied in order at start inside one transaction each;
// PRAGMA user_version records the last one applied.
#pragma once

#include "immagin/status.h"

namespace immagin::cp {

class Database;

int LatestSchemaVersion();
Status ApplyMigrations(Database& db);
// The SQL of migration `version` (1-based), for tests that build an older database.
const char* MigrationSql(int version);

}  // namespace immagin::cp
