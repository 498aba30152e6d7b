// The edge's internal API (edge token): tenant configuration, originals of the local
// backend, usage ingestion.
#include "auth.h"
#include "calendar.h"
#include "immagin/base64url.h"
#include "immagin/tenant_id.h"
#include "replacement_watch.h"
#include "services.h"
#include "tenant_state.h"

namespace immagin::cp {
namespace {

ApiResult<HttpResponse> TenantConfig(const HttpRequest& request, Services& services) {
  if (auto status = AuthenticateEdge(request, services.config); !status.ok()) return status.error();
  auto project = services.projects.FindByTenant(request.Param("tenant"));
  if (!project.ok()) return project.error();
  int64_t now = NowSeconds();
  auto secrets = services.projects.ActiveSecrets(project->id, now);
  if (!secrets.ok()) return secrets.error();
  auto state = TenantState(services, project.value(), now);
  if (!state.ok()) return state.error();
  Json list = Json::array();
  for (const auto& secret : secrets.value()) {
    Json json{{"id", secret.id}, {"secret", Base64UrlEncode(secret.key)}};
    json["validUntil"] = secret.valid_until ? Json(*secret.valid_until) : Json(nullptr);
    list.push_back(json);
  }
  // storageNamespace: where the project's originals live (`{bucket}/{ns}/{key}`), for an
  // edge that reads the store directly.
  HttpResponse response =
      HttpResponse::Json(200, Json{{"tenant", project->tenant_id},
                                   {"state", state.value()},
                                   {"secrets", list},
                                   {"storageNamespace", project->storage_namespace}});
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

ApiResult<HttpResponse> Original(const HttpRequest& request, Services& services) {
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

ApiResult<UsageEvent> ParseEvent(const Json& json, const std::string& at) {
  if (!json.is_object()) return BadRequest(at, "must be an object");
  for (const auto& [name, value] : json.items())
    if (name != "tenant" && name != "transformId" && name != "bytes" && name != "ms" &&
        name != "time")
      return BadRequest(std::string(at).append(".").append(name), "unknown field");
  UsageEvent event;
  auto tenant = json.find("tenant");
  if (tenant == json.end() || !tenant->is_string())
    return BadRequest(at + ".tenant", "must be a string");
  event.tenant = tenant->get<std::string>();
  if (auto status = ValidateTenantId(event.tenant, at + ".tenant"); !status.ok())
    return status.error();
  auto id = json.find("transformId");
  if (id == json.end() || !id->is_string() || !ValidTransformId(id->get<std::string>()))
    return BadRequest(at + ".transformId", "must be 32 lowercase hex characters");
  event.transform_id = id->get<std::string>();
  struct Number {
    const char* name;
    int64_t* out;
  };
  for (Number number :
       {Number{"bytes", &event.bytes}, Number{"ms", &event.ms}, Number{"time", &event.time}}) {
    auto it = json.find(number.name);
    if (it == json.end() || !it->is_number_integer() || it->get<int64_t>() < 0)
      return BadRequest(at + "." + number.name, "must be a non-negative integer");
    *number.out = it->get<int64_t>();
  }
  return event;
}

ApiResult<HttpResponse> IngestUsage(const HttpRequest& request, Services& services) {
  if (auto status = AuthenticateEdge(request, services.config); !status.ok()) return status.error();
  auto body = ParseJsonObjectBody(request, services.config.limits.max_json_body_bytes);
  if (!body.ok()) return body.error();
  std::optional<std::string> batch_id;
  if (auto it = body->find("batchId"); it != body->end()) {
    if (!it->is_string() || it->get<std::string>().empty() || it->get<std::string>().size() > 128)
      return BadRequest("batchId", "must be a string of 1 to 128 characters");
    batch_id = it->get<std::string>();
  }
  auto events_json = body->find("events");
  if (events_json == body->end() || !events_json->is_array())
    return BadRequest("events", "must be an array");
  if (static_cast<int64_t>(events_json->size()) > services.config.limits.max_usage_batch_events)
    return PayloadTooLarge(
        "events", "a batch holds at most " +
                      std::to_string(services.config.limits.max_usage_batch_events) + " events");
  std::vector<UsageEvent> events;
  events.reserve(events_json->size());
  for (size_t i = 0; i < events_json->size(); ++i) {
    auto event = ParseEvent((*events_json)[i], "events[" + std::to_string(i) + "]");
    if (!event.ok()) return event.error();
    events.push_back(std::move(event.value()));
  }
  auto outcome = services.usage.Ingest(batch_id, events, NowSeconds());
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
  router.Add("GET", "/internal/v1/tenants/{tenant}", services, TenantConfig);
  router.Add("GET", "/internal/v1/originals/{tenant}/{key+}", services, Original);
  router.Add("POST", "/internal/v1/usage", services, IngestUsage);
}

}  // namespace immagin::cp
