// What route handlers work with: the configuration and the stores, owned by the server.
#pragma once

#include "account_store.h"
#include "api_key_store.h"
#include "config.h"
#include "csrf.h"
#include "database.h"
#include "email_change.h"
#include "login_rate_limit.h"
#include "metrics.h"
#include "object_storage.h"
#include "outbox_sender.h"
#include "password_reset.h"
#include "presign.h"
#include "project_store.h"
#include "purge_sender.h"
#include "rate_limit_store.h"
#include "router.h"
#include "session_cookie.h"
#include "session_store.h"
#include "storage_sweeper.h"
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
  AccountStore& accounts;
  SessionStore& sessions;
  const SessionCookie& session_cookie;
  const Csrf& csrf;
  LoginRateLimit& login_limit;
  OutboxSender& outbox_sender;
  PurgeSender& purge_sender;
  RateLimitStore& rate_limits;
  StorageSweeper& storage_sweeper;
  PasswordResetStore& password_resets;
  EmailChangeStore& email_changes;
};

void AddImageRoutes(Router& router, Services& services);
void AddKeyRoutes(Router& router, Services& services);
void AddProjectRoutes(Router& router, Services& services);
void AddUsageRoutes(Router& router, Services& services);
void AddInternalRoutes(Router& router, Services& services);
void AddOpsRoutes(Router& router, Services& services);
void AddAccountRoutes(Router& router, Services& services);
void AddAccountProjectRoutes(Router& router, Services& services);
void AddPasswordResetRoutes(Router& router, Services& services);
void AddEmailChangeRoutes(Router& router, Services& services);
void AddSignedUrlRoutes(Router& router, Services& services);
void AddConsoleRoutes(Router& router, Services& services);

}  // namespace immagin::cp
