#include "auth.h"

#include <sodium.h>

#include "calendar.h"

namespace immagin::cp {
namespace {

std::optional<std::string> BearerToken(const HttpRequest& request) {
  auto header = request.Header("authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (!header || header->size() <= kScheme.size() ||
      header->compare(0, kScheme.size(), kScheme) != 0)
    return std::nullopt;
  return header->substr(kScheme.size());
}

}  // namespace

ApiResult<Caller> AuthenticateCaller(const HttpRequest& request, Services& services) {
  auto token = BearerToken(request);
  if (!token) return Unauthenticated("send 'Authorization: Bearer imk_…'");
  auto key = services.keys.Authenticate(*token, NowSeconds());
  if (!key.ok()) return key.error();
  auto project = services.projects.FindById(key->project_id);
  if (!project.ok()) return Unauthenticated("the key's project no longer exists");
  return Caller{std::move(key.value()), std::move(project.value())};
}

ApiStatus AuthenticateEdge(const HttpRequest& request, const Config& config) {
  if (config.edge_token.empty()) return Unauthenticated("the internal API is disabled");
  auto token = BearerToken(request);
  if (!token || token->size() != config.edge_token.size() ||
      sodium_memcmp(token->data(), config.edge_token.data(), token->size()) != 0)
    return Unauthenticated("invalid edge token");
  return {};
}

}  // namespace immagin::cp
