// Who is calling: an API key (public /v1 API, scoped to one project) or the edge (internal
// API, one shared token).
#pragma once

#include "api_key_store.h"
#include "http_message.h"
#include "project_store.h"
#include "services.h"

namespace immagin::cp {

struct Caller {
  ApiKeyInfo key;
  Project project;
};

// 401 without `Authorization: Bearer imk_…` or with an unknown or revoked key.
ApiResult<Caller> AuthenticateCaller(const HttpRequest& request, Services& services);
// 401 unless the bearer token equals the configured edge token (constant time).
ApiStatus AuthenticateEdge(const HttpRequest& request, const Config& config);

}  // namespace immagin::cp
