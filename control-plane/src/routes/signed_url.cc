// POST /v1/images/signed-url {key, edits?, output?, expiresIn?}: a delivery URL signed on
// the server with the project's current secret. The console uses it for thumbnails and
// previews (a browser page must not hold the secret); the SDK signs locally instead.
#include "auth/auth.h"
#include "calendar.h"
#include "immagin/delivery_payload.h"
#include "immagin/signing.h"
#include "services.h"

namespace immagin::cp {
namespace {

constexpr int64_t kMaxExpiresIn = 365LL * 86400;

Result<HttpResponse> Sign(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateCaller(request, services);
  if (!caller.ok()) return caller.error();
  auto body = ParseJsonObjectBody(request, services.config.limits.max_json_body_bytes);
  if (!body.ok()) return body.error();
  Json payload = Json::object();
  for (const auto& [name, value] : body->items()) {
    if (name == "key" || name == "edits" || name == "output") {
      payload[name] = value;
    } else if (name != "expiresIn") {
      return InvalidArgument(name, "unknown field");
    }
  }
  int64_t now = NowSeconds();
  if (auto it = body->find("expiresIn"); it != body->end()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > kMaxExpiresIn)
      return InvalidArgument("expiresIn",
                             "must be an integer between 1 and " + std::to_string(kMaxExpiresIn));
    payload["exp"] = now + it->get<int64_t>();
  }
  // The same validation Luna applies: an invalid edit is refused here with its field.
  auto parsed = ParsePayloadJson(DumpJson(payload), RequestLimits{});
  if (!parsed.ok()) return parsed.error();
  auto secrets = services.projects.ActiveSecrets(caller->project.id, now);
  if (!secrets.ok()) return secrets.error();
  const std::string& tenant = caller->project.tenant_id;
  std::string encoded = EncodePayload(parsed.value());
  std::string signature = SignPayload(secrets->front(), tenant, encoded);
  std::string url = services.config.DeliveryBaseUrl(tenant) + "/" + encoded + "?sig=" + signature;
  return HttpResponse::Json(200, Json{{"url", url}, {"key", parsed->key}});
}

}  // namespace

void AddSignedUrlRoutes(Router& router, Services& services) {
  router.Add("POST", "/v1/images/signed-url", services, Sign);
}

}  // namespace immagin::cp
