// What route handlers work with: the configuration and the stores, owned by the server.
#pragma once

#include "accounts/account_store.h"
#include "accounts/email_change.h"
#include "accounts/password_reset.h"
#include "accounts/project_store.h"
#include "auth/api_key_store.h"
#include "auth/csrf.h"
#include "auth/login_rate_limit.h"
#include "auth/rate_limit_store.h"
#include "auth/session_cookie.h"
#include "auth/session_store.h"
#include "config.h"
#include "http/metrics.h"
#include "http/router.h"
#include "mail/outbox_sender.h"
#include "purge/purge_sender.h"
#include "storage/object_storage.h"
#include "storage/presign.h"
#include "storage/storage_sweeper.h"
#include "store/database.h"
#include "usage/usage_store.h"

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
