// Who is calling: an API key (public /v1 API, scoped to one project), a console session
// (cookie; the project named by `X-Immagin-Project`) or the edge (internal API, one shared
// token).
#pragma once

#include "accounts/project_store.h"
#include "auth/api_key_store.h"
#include "http/http_message.h"
#include "services.h"

namespace immagin::cp {

struct Caller {
  ApiKeyInfo key;  // empty for a console session
  Project project;
};

struct SessionCaller {
  Account account;
  SessionToken session;
};

inline constexpr const char* kProjectHeader = "x-immagin-project";

// The console's session from the `immagin_session` cookie (401 without a live one). Writes
// (any method but GET/HEAD) must pass the CSRF check too (403).
Result<SessionCaller> AuthenticateSession(const HttpRequest& request, Services& services);
// With `Authorization: Bearer imk_…`, the key's project (401 for an unknown or revoked
// key). Without it, a console session and the project its account owns named by
// `X-Immagin-Project: {tenant id}` (400 when absent, 404 when not the account's).
Result<Caller> AuthenticateCaller(const HttpRequest& request, Services& services);
// 401 unless the bearer token equals the configured edge token (constant time).
Status AuthenticateEdge(const HttpRequest& request, const Config& config);

}  // namespace immagin::cp
