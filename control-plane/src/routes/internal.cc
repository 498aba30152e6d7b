// The edge's internal API (edge token): tenant configuration, originals of the local
// backend, usage ingestion.
#include "auth/auth.h"
#include "calendar.h"
#include "immagin/tenant_config.h"
#include "immagin/usage_event.h"
#include "purge/replacement_watch.h"
#include "services.h"
#include "usage/tenant_state.h"

namespace immagin::cp {
namespace {

Result<HttpResponse> GetTenantConfig(const HttpRequest& request, Services& services) {
  if (auto status = AuthenticateEdge(request, services.config); !status.ok()) return status.error();
  auto project = services.projects.FindByTenant(request.Param("tenant"));
  if (!project.ok()) return project.error();
  int64_t now = NowSeconds();
  auto secrets = services.projects.ActiveSecrets(project->id, now);
  if (!secrets.ok()) return secrets.error();
  auto state = TenantState(services, project.value(), now);
  if (!state.ok()) return state.error();
  // storageNamespace: where the project's originals live (`{bucket}/{ns}/{key}`), for an
  // edge that reads the store directly.
  HttpResponse response =
      HttpResponse::PrivateJson(200, TenantConfigJson(immagin::TenantConfig{
                                         project->tenant_id, state.value(),
                                         std::move(secrets.value()), project->storage_namespace}));
  return response;
}

Result<HttpResponse> Original(const HttpRequest& request, Services& services) {
  if (auto status = AuthenticateEdge(request, services.config); !status.ok()) return status.error();
  auto project = services.projects.FindByTenant(request.Param("tenant"));
  if (!project.ok()) return project.error();
  const std::string& key = request.Param("key");
  auto object = services.storage.Stat(project->storage_namespace, key);
  if (!object.ok()) return object.error();
  // A store can hold more than any upload URL allowed (an object put there directly): such
  // an original is refused from its size alone, before any byte is read.
  const int64_t max_bytes = services.config.limits.max_upload_bytes;
  if (object->size > max_bytes) return TooLargeOriginal(key, max_bytes);
  // An original replaced straight in the bucket is first seen here, on an edge's miss.
  auto replaced = ReplacementWatch(services.db)
                      .SeenReplaced(project->storage_namespace, project->tenant_id, key,
                                    object->etag, NowMillis());
  if (!replaced.ok()) return replaced.error();
  if (replaced.value()) services.purge_sender.Notify();
  HttpResponse response;
  response.content_type = "application/octet-stream";
  response.headers.emplace_back("ETag", object->etag);
  response.headers.emplace_back("Last-Modified-Ms", std::to_string(object->last_modified_ms));
  if (request.Header("if-none-match") == object->etag) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  auto bytes = services.storage.Read(project->storage_namespace, key, max_bytes);
  if (!bytes.ok()) return bytes.error();
  response.body = std::move(bytes.value());
  return response;
}

Result<HttpResponse> IngestUsage(const HttpRequest& request, Services& services) {
  if (auto status = AuthenticateEdge(request, services.config); !status.ok()) return status.error();
  auto body = ParseJsonObjectBody(request, services.config.limits.max_json_body_bytes);
  if (!body.ok()) return body.error();
  auto batch =
      UsageBatchFromJson(*body, static_cast<size_t>(services.config.limits.max_usage_batch_events));
  if (!batch.ok()) return batch.error();
  auto outcome = services.usage.Ingest(batch->batch_id, batch->events, NowSeconds());
  if (!outcome.ok()) return outcome.error();
  if (!outcome->duplicate_batch)
    services.metrics.RecordUsageEvents(outcome->received, outcome->counted);
  return HttpResponse::Json(200, Json{{"received", outcome->received},
                                      {"counted", outcome->counted},
                                      {"unknownTenant", outcome->unknown_tenant},
                                      {"duplicateBatch", outcome->duplicate_batch}});
}

}  // namespace

void AddInternalRoutes(Router& router, Services& services) {
  router.Add("GET", "/internal/v1/tenants/{tenant}", services, GetTenantConfig);
  router.Add("GET", "/internal/v1/originals/{tenant}/{key+}", services, Original);
  router.Add("POST", "/internal/v1/usage", services, IngestUsage);
}

}  // namespace immagin::cp
