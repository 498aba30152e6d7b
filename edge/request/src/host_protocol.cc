#include "luna/host_protocol.h"

#include <algorithm>
#include <ctime>
#include <optional>
#include <variant>

#include "immagin/json.h"
#include "immagin/usage_event.h"
#include "luna/delivery.h"

namespace luna {
namespace {

using immagin::ErrorCode;
using immagin::Json;

struct HostRequest {
  Request request;
  int64_t now_ms = 0;  // the tenant cache's clock
  Json root;
};

std::string Text(const Json& root, const char* name) {
  const auto it = root.find(name);
  return it != root.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The host's JSON is trusted to be well-formed; when it is not, that is a host bug (500).
immagin::Result<HostRequest> ParseHostRequest(std::string_view text) {
  auto json = immagin::ParseJson(text, "host request");
  if (!json) return immagin::Error{ErrorCode::kInternal, "host request", json.error().message};
  if (!json->is_object()) {
    return immagin::Error{ErrorCode::kInternal, "host request", "must be an object"};
  }
  HostRequest host{Request{}, 0, std::move(*json)};
  Request& r = host.request;
  r.method = Text(host.root, "method");
  r.host = Text(host.root, "host");
  r.target = Text(host.root, "target");
  r.accept = Text(host.root, "accept");
  r.if_none_match = Text(host.root, "ifNoneMatch");
  const auto now = host.root.find("now");
  r.now = now != host.root.end() && now->is_number_integer()
              ? now->get<int64_t>()
              : static_cast<int64_t>(std::time(nullptr));
  const auto now_ms = host.root.find("nowMs");
  host.now_ms = now_ms != host.root.end() && now_ms->is_number_integer() ? now_ms->get<int64_t>()
                                                                         : r.now * 1000;
  return host;
}

Json Headers(const std::vector<std::pair<std::string, std::string>>& headers) {
  Json out = Json::array();
  for (const auto& [name, value] : headers) out.push_back(Json::array({name, value}));
  return out;
}

// Events per batch a host may send, so a backlog never makes a batch the control plane
// refuses: an event's JSON is under 256 bytes (a tenant id of at most 63 characters, a
// 32-character transform id, three integers), so this many fit kMaxUsageBatchBytes too.
constexpr size_t kWorkerBatchEvents =
    std::min(immagin::kMaxUsageBatchEvents, immagin::kMaxUsageBatchBytes / 256);

HostStep Respond(Response response, const std::optional<UsageEvent>& usage,
                 const HostConfig& config) {
  Json head{
      {"step", "respond"}, {"status", response.status}, {"headers", Headers(response.headers)}};
  if (usage) {
    const FetchRequest report{config.storage.control_plane_url + "/internal/v1/usage",
                              {{"Authorization", "Bearer " + config.storage.edge_token},
                               {"Content-Type", "application/json"}}};
    head["usage"] = {
        {"event", UsageEventJson(*usage)},        {"url", report.url},
        {"headers", Headers(report.headers)},     {"flushMs", config.usage_flush_ms},
        {"maxPending", config.max_pending_usage}, {"maxBatchEvents", kWorkerBatchEvents}};
  }
  return {immagin::DumpJson(head), std::move(response.body)};
}

HostStep Fetch(const char* what, const FetchRequest& fetch, Json extra) {
  extra["step"] = "fetch";
  extra["what"] = what;
  extra["url"] = fetch.url;
  extra["headers"] = Headers(fetch.headers);
  return {immagin::DumpJson(extra), ""};
}

// The answer the host got for a fetch: {"status", "body"?, "etag"?}, or absent (not yet).
const Json* Answer(const Json& root, const char* name) {
  const auto it = root.find(name);
  return it != root.end() && it->is_object() ? &*it : nullptr;
}

int Status(const Json& answer) {
  const auto it = answer.find("status");
  return it != answer.end() && it->is_number_integer() ? it->get<int>() : 0;
}

TenantAnswer TenantAnswerOf(const Json& answer) { return {Status(answer), Text(answer, "body")}; }

TenantCachePolicy CachePolicy(const HostConfig& config) {
  TenantCachePolicy policy;
  policy.fresh_ms = int64_t{config.tenant_cache_seconds} * 1000;
  policy.max_stale_ms = int64_t{config.tenant_max_stale_seconds} * 1000;
  policy.max_entries = static_cast<size_t>(config.tenant_cache_entries);
  return policy;
}

// A plan, with the tenant answer it was checked against (for the render step).
struct Planned {
  Plan plan;
  TenantAnswer tenant;
};

// Everything up to the original: the URL, the tenant's config and the signature. `record`:
// a tenant answer in the request is new (Prepare), not one handed back for Render.
std::variant<Planned, Response, HostStep> PlanFor(const HostRequest& host, const HostConfig& config,
                                                  TenantCache& tenants, bool record) {
  const Request& request = host.request;
  auto target = ParseTarget(request, config.cdn_domain);
  if (auto* response = std::get_if<Response>(&target)) return std::move(*response);
  const Target& t = std::get<Target>(target);
  const auto fetch_tenant = [&](bool refresh) {
    Json step = {{"tenant", t.tenant}, {"timeoutMs", config.control_plane_timeout_ms}};
    if (refresh) step["refresh"] = true;
    return Fetch("tenant", TenantRequest(config.storage, t.tenant), std::move(step));
  };
  const Json* answer = Answer(host.root, "tenant");
  std::optional<ResolvedTenant> resolved;
  if (answer != nullptr) {
    resolved = record ? tenants.Record(t.tenant, TenantAnswerOf(*answer), host.now_ms)
                      : TenantCache::Interpret(t.tenant, TenantAnswerOf(*answer));
  } else {
    resolved = tenants.Find(t.tenant, host.now_ms);
    if (!resolved) return fetch_tenant(false);
  }
  if (!resolved->config) {
    Response refused = ErrorResponse(resolved->config.error(), request);
    if (resolved->config.error().code == ErrorCode::kUnavailable) {
      refused.headers.emplace_back("Retry-After", "5");
    }
    return refused;
  }
  auto planned = Prepare(request, t, *resolved->config, config.limits);
  if (auto* response = std::get_if<Response>(&planned)) {
    // A URL signed with a secret newer than the cached config: ask for a fresh one before
    // refusing, so a rotation takes effect at once.
    if (response->status == 403 && answer == nullptr && tenants.TryRefresh(t.tenant, host.now_ms)) {
      return fetch_tenant(true);
    }
    return std::move(*response);
  }
  return Planned{std::get<Plan>(std::move(planned)), std::move(resolved->answer)};
}

// A fetched original's answer that is not a 200, or is over the size limit, as a response.
std::optional<Response> Refused(const Json* answer, size_t received, const Request& request,
                                const HostConfig& config) {
  const int status = answer == nullptr ? 0 : Status(*answer);
  if (status != 200) {
    const std::string why = status == 0 ? "the storage could not be reached"
                                        : "the storage answered " + std::to_string(status);
    return ErrorResponse({ErrorCode::kUnavailable, "", why}, request);
  }
  // The host may skip reading a body whose Content-Length is already over the limit.
  const auto size = answer->find("size");
  const size_t declared =
      size != answer->end() && size->is_number_unsigned() ? size->get<size_t>() : 0;
  if (const size_t bytes = std::max(declared, received); bytes > config.engine.max_input_bytes) {
    return ErrorResponse({ErrorCode::kPayloadTooLarge, "",
                          "the original is " + std::to_string(bytes) + " bytes; the limit is " +
                              std::to_string(config.engine.max_input_bytes)},
                         request);
  }
  return std::nullopt;
}

std::string Version(const Json& answer, size_t size) {
  std::string version = Text(answer, "etag");
  return version.empty() ? std::to_string(size) : version;
}

}  // namespace

HostProtocol::HostProtocol(HostConfig config)
    : config_(std::move(config)), tenants_(CachePolicy(config_)) {}

HostStep HostProtocol::Prepare(std::string_view request_json) {
  auto host = ParseHostRequest(request_json);
  if (!host) return Respond(ErrorResponse(host.error(), Request{}), std::nullopt, config_);
  auto planned = PlanFor(*host, config_, tenants_, /*record=*/true);
  if (auto* step = std::get_if<HostStep>(&planned)) return std::move(*step);
  if (auto* response = std::get_if<Response>(&planned)) {
    return Respond(std::move(*response), std::nullopt, config_);
  }
  const auto& [plan, tenant] = std::get<Planned>(planned);
  const auto pending = host->root.find("pending");
  if (pending != host->root.end() && pending->is_number_integer() &&
      pending->get<int64_t>() >= config_.max_queue) {
    Response busy = ErrorResponse(
        {ErrorCode::kUnavailable, "", "too many transforms in progress; retry shortly"},
        host->request);
    busy.headers.emplace_back("Retry-After", "1");
    return Respond(std::move(busy), std::nullopt, config_);
  }
  // The image layers' overlays are fetched beside the original, the same way.
  Json overlays = Json::array();
  for (const std::string& key : plan.overlay_keys) {
    const FetchRequest fetch = OriginalRequest(config_.storage, plan.tenant, plan.storage_namespace,
                                               key, host->request.now);
    overlays.push_back({{"key", key}, {"url", fetch.url}, {"headers", Headers(fetch.headers)}});
  }
  Json extra{{"maxBytes", config_.engine.max_input_bytes},
             {"tenant", plan.tenant},
             {"tenantAnswer", {{"status", tenant.status}, {"body", tenant.body}}},
             {"namespace", plan.storage_namespace},
             {"key", plan.payload.key}};
  if (!overlays.empty()) extra["overlays"] = std::move(overlays);
  return Fetch("original",
               OriginalRequest(config_.storage, plan.tenant, plan.storage_namespace,
                               plan.payload.key, host->request.now),
               std::move(extra));
}

HostStep HostProtocol::Render(std::string_view request_json, std::span<const uint8_t> body) {
  auto host = ParseHostRequest(request_json);
  if (!host) return Respond(ErrorResponse(host.error(), Request{}), std::nullopt, config_);
  const Request& request = host->request;
  auto planned = PlanFor(*host, config_, tenants_, /*record=*/false);
  if (auto* step = std::get_if<HostStep>(&planned)) return std::move(*step);
  if (auto* response = std::get_if<Response>(&planned)) {
    return Respond(std::move(*response), std::nullopt, config_);
  }
  const Plan& plan = std::get<Planned>(planned).plan;
  // The body is the original, then each overlay of plan.overlay_keys, whose answers
  // ({status, etag, size, length}) say how many bytes each took.
  const auto listed = host->root.find("overlays");
  std::vector<const Json*> answers(plan.overlay_keys.size(), nullptr);
  std::vector<size_t> lengths(plan.overlay_keys.size(), 0);
  size_t overlay_bytes = 0;
  for (size_t i = 0; i < answers.size(); ++i) {
    if (listed == host->root.end() || !listed->is_array() || i >= listed->size()) break;
    const Json& entry = (*listed)[i];
    if (!entry.is_object()) continue;
    answers[i] = &entry;
    const auto length = entry.find("length");
    if (length != entry.end() && length->is_number_unsigned()) lengths[i] = length->get<size_t>();
    overlay_bytes += lengths[i];
  }
  if (overlay_bytes > body.size()) {
    return Respond(ErrorResponse({ErrorCode::kInternal, "host request",
                                  "the overlays' lengths exceed the body"},
                                 request),
                   std::nullopt, config_);
  }
  const std::span<const uint8_t> original = body.first(body.size() - overlay_bytes);
  const Json* answer = Answer(host->root, "original");
  if (answer != nullptr && Status(*answer) == 404) {
    return Respond(MissingOriginal(plan, request), std::nullopt, config_);
  }
  if (auto refused = Refused(answer, original.size(), request, config_)) {
    return Respond(std::move(*refused), std::nullopt, config_);
  }
  std::vector<FetchedOverlay> overlays;
  size_t at = original.size();
  for (size_t i = 0; i < answers.size(); ++i) {
    if (answers[i] != nullptr && Status(*answers[i]) == 404) {
      return Respond(MissingOverlay(plan, request, plan.overlay_keys[i]), std::nullopt, config_);
    }
    if (auto refused = Refused(answers[i], lengths[i], request, config_)) {
      return Respond(std::move(*refused), std::nullopt, config_);
    }
    overlays.push_back(
        {plan.overlay_keys[i], body.subspan(at, lengths[i]), Version(*answers[i], lengths[i])});
    at += lengths[i];
  }
  Rendered200 rendered = luna::Render(request, plan, original, Version(*answer, original.size()),
                                      config_.engine, overlays);
  return Respond(std::move(rendered.response), rendered.usage, config_);
}

}  // namespace luna
