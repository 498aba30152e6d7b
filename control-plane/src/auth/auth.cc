#include "auth/auth.h"

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

Result<SessionCaller> AuthenticateSession(const HttpRequest& request, Services& services) {
  auto cookie = request.Cookie(kSessionCookieName);
  if (!cookie) return Unauthenticated("not logged in");
  int64_t now = NowSeconds();
  auto session = services.session_cookie.Open(*cookie, now);
  if (!session.ok()) return session.error();
  if (auto live = services.sessions.CheckLive(session.value(), now); !live.ok())
    return live.error();
  if (request.method != "GET" && request.method != "HEAD")
    if (auto csrf = services.csrf.Check(request, session->session_id, services.config); !csrf.ok())
      return csrf.error();
  auto account = services.accounts.Find(session->account_id);
  if (!account.ok()) return Unauthenticated("the session's account no longer exists");
  return SessionCaller{std::move(account.value()), std::move(session.value())};
}

Result<Caller> AuthenticateCaller(const HttpRequest& request, Services& services) {
  auto token = BearerToken(request);
  if (!token && request.Cookie(kSessionCookieName)) {
    auto session = AuthenticateSession(request, services);
    if (!session.ok()) return session.error();
    auto tenant = request.Header(kProjectHeader);
    if (!tenant || tenant->empty())
      return InvalidArgument("X-Immagin-Project", "name the project (tenant id) of this request");
    auto project = services.projects.FindByTenant(*tenant);
    // Someone else's project looks exactly like a missing one.
    if (!project.ok() || project->account_id != session->account.id)
      return NotFound("X-Immagin-Project", "no project '" + *tenant + "' in this account");
    return Caller{ApiKeyInfo{}, std::move(project.value())};
  }
  if (!token) return Unauthenticated("send 'Authorization: Bearer imk_…'");
  auto key = services.keys.Authenticate(*token, NowSeconds());
  if (!key.ok()) return key.error();
  auto project = services.projects.FindById(key->project_id);
  if (!project.ok()) return Unauthenticated("the key's project no longer exists");
  return Caller{std::move(key.value()), std::move(project.value())};
}

Status AuthenticateEdge(const HttpRequest& request, const Config& config) {
  if (config.edge_token.empty()) return Unauthenticated("the internal API is disabled");
  auto token = BearerToken(request);
  if (!token || token->size() != config.edge_token.size() ||
      sodium_memcmp(token->data(), config.edge_token.data(), token->size()) != 0)
    return Unauthenticated("invalid edge token");
  return {};
}

}  // namespace immagin::cp
