// Everything that differs between SQLite and PostgreSQL, in one place: the schema's types,
// where the schema version is kept, and how a write transaction starts.
#pragma once

#include <string>

#include "immagin/status.h"
#include "store/connection.h"

namespace immagin::cp {

// A migration written for SQLite, as the backend runs it (PostgreSQL: BIGINT for
// INTEGER, BYTEA for BLOB, identity columns for INTEGER PRIMARY KEY, no WITHOUT ROWID).
std::string MigrationFor(Backend backend, const std::string& sqlite_sql);

// The last migration applied (0 for an empty database).
Result<int> SchemaVersion(Connection& db);
Status SetSchemaVersion(Connection& db, int version);

// Starts a transaction that holds the database's one write lock until it ends, so write
// transactions run one after another across every process, as SQLite's BEGIN IMMEDIATE
// does (PostgreSQL: a transaction-scoped advisory lock).
Status BeginWrite(Connection& db);

}  // namespace immagin::cp
