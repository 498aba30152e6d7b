// The projects of the console's account: list, create (verified email only), delete. The
// rest of a project's API (tenant id and secret, keys, images, usage) is the /v1 API with
// the session cookie and `X-Immagin-Project`.
#include "accounts/project_removal.h"
#include "auth/auth.h"
#include "calendar.h"
#include "services.h"
#include "usage/tenant_state.h"

namespace immagin::cp {
namespace {

Result<Json> ProjectJson(Services& services, const Project& project, int64_t now) {
  auto state = TenantState(services, project, now);
  if (!state.ok()) return state.error();
  return Json{{"tenantId", project.tenant_id},
              {"name", project.name},
              {"deliveryBaseUrl", services.config.DeliveryBaseUrl(project.tenant_id)},
              {"state", ToString(state.value())},
              {"createdAt", FormatIso8601(project.created_at)}};
}

Result<HttpResponse> List(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateSession(request, services);
  if (!caller.ok()) return caller.error();
  auto ids = services.accounts.ProjectIds(caller->account.id);
  if (!ids.ok()) return ids.error();
  int64_t now = NowSeconds();
  Json list = Json::array();
  for (int64_t id : ids.value()) {
    auto project = services.projects.FindById(id);
    if (!project.ok()) return project.error();
    auto json = ProjectJson(services, project.value(), now);
    if (!json.ok()) return json.error();
    list.push_back(std::move(json.value()));
  }
  return HttpResponse::Json(200, Json{{"projects", list}});
}

Result<HttpResponse> Create(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateSession(request, services);
  if (!caller.ok()) return caller.error();
  auto body = ParseJsonObjectBody(request, services.config.limits.max_json_body_bytes);
  if (!body.ok()) return body.error();
  for (const auto& [name, value] : body->items())
    if (name != "tenantId" && name != "name") return InvalidArgument(name, "unknown field");
  auto tenant = body->find("tenantId");
  if (tenant == body->end() || !tenant->is_string())
    return InvalidArgument("tenantId", "must be a string");
  std::string name = tenant->get<std::string>();
  if (auto it = body->find("name"); it != body->end()) {
    if (!it->is_string()) return InvalidArgument("name", "must be a string");
    name = it->get<std::string>();
  }
  if (!caller->account.verified)
    return Error{ErrorCode::kForbidden, "email",
                 "verify your email address before creating a project", "email_not_verified"};
  auto project =
      services.projects.Create(caller->account.id, tenant->get<std::string>(), name, NowSeconds());
  if (!project.ok()) {
    Error error = project.error();
    if (error.field == "tenant") error.field = "tenantId";
    return error;
  }
  auto json = ProjectJson(services, project.value(), NowSeconds());
  if (!json.ok()) return json.error();
  return HttpResponse::Json(201, json.value());
}

Result<HttpResponse> Delete(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateSession(request, services);
  if (!caller.ok()) return caller.error();
  auto project = services.projects.FindByTenant(request.Param("tenant"));
  if (!project.ok() || project->account_id != caller->account.id)
    return NotFound("tenant", "no project '" + request.Param("tenant") + "' in this account");
  if (auto status = RemoveProject(services, project->id); !status.ok()) return status.error();
  return HttpResponse::Empty(204);
}

}  // namespace

void AddAccountProjectRoutes(Router& router, Services& services) {
  router.Add("GET", "/v1/account/projects", services, List);
  router.Add("POST", "/v1/account/projects", services, Create);
  router.Add("DELETE", "/v1/account/projects/{tenant}", services, Delete);
}

}  // namespace immagin::cp
