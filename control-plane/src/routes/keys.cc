// API keys of the caller's project: create (the key is shown once), list, revoke.
#include "auth/auth.h"
#include "calendar.h"
#include "services.h"

namespace immagin::cp {
namespace {

Json KeyJson(const ApiKeyInfo& key) {
  Json json{{"id", key.id},
            {"name", key.name},
            {"prefix", key.prefix},
            {"createdAt", FormatIso8601(key.created_at)}};
  if (key.last_used_at) json["lastUsedAt"] = FormatIso8601(*key.last_used_at);
  return json;
}

Result<HttpResponse> Create(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateCaller(request, services);
  if (!caller.ok()) return caller.error();
  auto body = ParseJsonObjectBody(request, services.config.limits.max_json_body_bytes);
  if (!body.ok()) return body.error();
  for (const auto& [name, value] : body->items())
    if (name != "name") return InvalidArgument(name, "unknown field");
  auto name = body->find("name");
  if (name == body->end() || !name->is_string()) return InvalidArgument("name", "must be a string");
  auto created = services.keys.Create(caller->project.id, name->get<std::string>(), NowSeconds());
  if (!created.ok()) return created.error();
  Json json = KeyJson(created->info);
  json["key"] = created->key;
  HttpResponse response = HttpResponse::PrivateJson(201, json);
  return response;
}

Result<HttpResponse> List(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateCaller(request, services);
  if (!caller.ok()) return caller.error();
  auto keys = services.keys.List(caller->project.id);
  if (!keys.ok()) return keys.error();
  Json list = Json::array();
  for (const auto& key : keys.value()) list.push_back(KeyJson(key));
  return HttpResponse::Json(200, Json{{"keys", list}});
}

Result<HttpResponse> Revoke(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateCaller(request, services);
  if (!caller.ok()) return caller.error();
  if (auto status = services.keys.Revoke(caller->project.id, request.Param("id"), NowSeconds());
      !status.ok())
    return status.error();
  return HttpResponse::Empty(204);
}

}  // namespace

void AddKeyRoutes(Router& router, Services& services) {
  router.Add("POST", "/v1/keys", services, Create);
  router.Add("GET", "/v1/keys", services, List);
  router.Add("DELETE", "/v1/keys/{id}", services, Revoke);
}

}  // namespace immagin::cp
