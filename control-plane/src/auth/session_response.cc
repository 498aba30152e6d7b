#include "auth/session_response.h"

#include "accounts/account_export.h"
#include "calendar.h"

namespace immagin::cp {

HttpResponse CheckYourEmail(std::string message) {
  HttpResponse response = HttpResponse::PrivateJson(
      202, Json{{"status", "check_your_email"}, {"message", std::move(message)}});
  return response;
}

Result<HttpResponse> StartSession(Services& services, const Account& account, int status) {
  int64_t ttl = services.config.accounts.session_ttl_seconds;
  auto session = services.sessions.Create(account.id, NowSeconds(), ttl);
  if (!session.ok()) return session.error();
  HttpResponse response =
      HttpResponse::Json(status, Json{{"account", AccountJson(account)},
                                      {"csrfToken", services.csrf.TokenFor(session->session_id)}});
  response.headers.emplace_back(
      "Set-Cookie", SessionCookie::SetHeader(services.session_cookie.Seal(session.value()), ttl,
                                             services.config.PublicUrlIsHttps()));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace immagin::cp
