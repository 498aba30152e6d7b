// What route handlers work with: the configuration and the stores, owned by the server.
#pragma once

#include "api_key_store.h"
#include "config.h"
#include "database.h"
#include "metrics.h"
#include "object_storage.h"
#include "presign.h"
#include "project_store.h"
#include "router.h"
#include "usage_store.h"

namespace immagin::cp {

struct Services {
  const Config& config;
  Database& db;
  ProjectStore& projects;
  ApiKeyStore& keys;
  UsageStore& usage;
  ObjectStorage& storage;
  Presigner& presigner;
  Metrics& metrics;
};

void AddImageRoutes(Router& router, Services& services);
void AddKeyRoutes(Router& router, Services& services);
void AddProjectRoutes(Router& router, Services& services);
void AddUsageRoutes(Router& router, Services& services);
void AddInternalRoutes(Router& router, Services& services);
void AddOpsRoutes(Router& router, Services& services);

}  // namespace immagin::cp
