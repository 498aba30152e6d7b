// Random keys the server makes once and keeps in the database (table server_secrets), so
// every process on the same file agrees on them and they survive restarts.
#pragma once

#include <cstddef>
#include <string>

#include "immagin/status.h"
#include "store/database.h"

namespace immagin::cp {

Result<std::string> LoadOrCreateServerKey(Database& db, const std::string& name, size_t bytes);

}  // namespace immagin::cp
