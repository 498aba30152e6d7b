// The caller's project: what the SDK needs to sign delivery URLs locally, and rotation of
// the signing secret.
#include "auth/auth.h"
#include "calendar.h"
#include "immagin/base64url.h"
#include "services.h"
#include "usage/tenant_state.h"

namespace immagin::cp {
namespace {

Json SecretJson(const SigningSecret& secret) {
  Json json{{"id", secret.id}, {"secret", Base64UrlEncode(secret.key)}};
  if (secret.valid_until) json["validUntil"] = FormatIso8601(*secret.valid_until);
  return json;
}

Result<HttpResponse> Get(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateCaller(request, services);
  if (!caller.ok()) return caller.error();
  int64_t now = NowSeconds();
  auto secrets = services.projects.ActiveSecrets(caller->project.id, now);
  if (!secrets.ok()) return secrets.error();
  auto state = TenantState(services, caller->project, now);
  if (!state.ok()) return state.error();
  const Project& project = caller->project;
  Json body{{"tenantId", project.tenant_id},
            {"name", project.name},
            {"deliveryBaseUrl", services.config.DeliveryBaseUrl(project.tenant_id)},
            {"signingSecret", SecretJson(secrets->front())},
            {"state", ToString(state.value())},
            {"createdAt", FormatIso8601(project.created_at)}};
  HttpResponse response = HttpResponse::PrivateJson(200, body);
  return response;
}

// The grace of the secret being replaced: the configured default without a body, or
// `graceSeconds` between 0 (a leaked secret: revoked at once) and that default.
Result<int64_t> RequestedGrace(const HttpRequest& request, Services& services) {
  int64_t grace = services.config.secret_grace_seconds;
  if (request.body.empty()) return grace;
  auto body = ParseJsonObjectBody(request, services.config.limits.max_json_body_bytes);
  if (!body.ok()) return body.error();
  for (const auto& [name, value] : body->items()) {
    if (name != "graceSeconds") return InvalidArgument(name, "unknown field");
    if (!value.is_number_integer() || value.get<int64_t>() < 0 || value.get<int64_t>() > grace)
      return InvalidArgument("graceSeconds",
                             "must be an integer between 0 and " + std::to_string(grace));
    return value.get<int64_t>();
  }
  return grace;
}

Result<HttpResponse> Rotate(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateCaller(request, services);
  if (!caller.ok()) return caller.error();
  auto grace = RequestedGrace(request, services);
  if (!grace.ok()) return grace.error();
  int64_t now = NowSeconds();
  auto secret = services.projects.RotateSecret(caller->project.id, now, grace.value());
  if (!secret.ok()) return secret.error();
  HttpResponse response = HttpResponse::PrivateJson(
      200, Json{{"signingSecret", SecretJson(secret.value())},
                {"previousValidUntil", FormatIso8601(now + grace.value())},
                {"graceSeconds", grace.value()}});
  return response;
}

}  // namespace

void AddProjectRoutes(Router& router, Services& services) {
  router.Add("GET", "/v1/project", services, Get);
  router.Add("POST", "/v1/project/rotate-secret", services, Rotate);
}

}  // namespace immagin::cp
