// Luna's request handling for a host that does its own I/O (the wasm module inside a
// worker, luna-server with its threads): the host sends the request as JSON and gets back
// one step at a time, a fetch to make or the response to send. Every delivery rule (the
// URL, the tenant cache, signatures, load shedding, limits, rendering) is decided here,
// once, for both hosts.
//
//   Prepare({request})                  → {"step":"fetch","what":"tenant",tenant,url,headers,
//                                          timeoutMs,refresh?} when the tenant's config is
//                                          not cached, or its cached config needs a refresh
//   Prepare({request, tenant: answer})  → {"step":"fetch","what":"original",tenant,namespace,
//                                          key,url,headers,maxBytes,tenantAnswer,overlays?}
//                                          or {"step":"respond",...}
//   Render({request, tenant, original, overlays?}, bytes)
//                                       → {"step":"respond",status,headers,usage?} + body
//
// The original step's "tenantAnswer" is the "tenant" answer Render is to be given: the config the
// request was checked with, whether fetched or cached. With image layers the original step
// lists "overlays" [{key,url,headers}], fetched the same way; Render then gets the original
// followed by each overlay's bytes, and an answer per overlay with its "length" there.
//
// A request: {"method","host","target","accept","ifNoneMatch","now","nowMs","pending"}
// (now: unix seconds, for signatures; nowMs: the clock of the tenant cache; pending: renders
// the host already holds, for load shedding). An answer: {"status": HTTP status, 0 when not
// reached or timed out, "body": text (tenant), "etag": string and "size": Content-Length
// (original)}. Hosts that read originals from elsewhere (a directory) use tenant, namespace
// and key instead of the URL.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "immagin/request_limits.h"
#include "immagin/settings.h"
#include "luna/engine_config.h"
#include "luna/storage_request.h"
#include "luna/tenant_cache.h"

namespace luna {

struct HostConfig {
  std::string cdn_domain;         // LUNA_CDN_DOMAIN: host form {tenant}.{cdn_domain}
  StorageConfig storage;          // LUNA_CONTROL_PLANE_URL, LUNA_EDGE_TOKEN, LUNA_S3_*
  int tenant_cache_seconds = 30;  // LUNA_TENANT_CACHE_SECONDS: a config is used without asking
  // LUNA_TENANT_MAX_STALE_SECONDS: how long past that a config still serves while the control
  // plane fails; LUNA_CONTROL_PLANE_TIMEOUT_MS: how long a host waits for a tenant's config.
  int tenant_max_stale_seconds = 3600;
  int control_plane_timeout_ms = 5000;
  int max_queue = 32;   // LUNA_MAX_QUEUE: renders a host may hold waiting; more get a 503
  EngineConfig engine;  // LUNA_MAX_*, LUNA_DEADLINE_MS, LUNA_AVIF_EFFORT
  // LUNA_MAX_TENANT_CACHE: tenants (known or not) a host keeps answers for, oldest out first
  int tenant_cache_entries = 10000;
  // Hosts that batch usage in memory (the Worker): LUNA_USAGE_FLUSH_MS, how long events wait
  // before a batch is sealed; LUNA_MAX_PENDING_USAGE, events held unsent at most.
  int usage_flush_ms = 2000;
  int max_pending_usage = 10000;
  immagin::RequestLimits limits;

  // From the environment (HostSettings): the Worker's bindings reach the module that way.
  static immagin::Result<HostConfig> FromEnvironment();
  // `needs_control_plane`: tenants come from it (always in a Worker).
  immagin::Status Validate(bool needs_control_plane) const;
  immagin::Status ValidateForWorker() const;
};

// Every LUNA_* setting of a host, the engine's included (luna-server adds its own).
const std::vector<immagin::Setting<HostConfig>>& HostSettings();

struct HostStep {
  std::string head;  // JSON
  std::string body;  // the response body of a "respond" step
};

// One per host process or isolate: it keeps the tenant cache between requests.
class HostProtocol {
 public:
  explicit HostProtocol(HostConfig config);

  HostStep Prepare(std::string_view request_json);
  HostStep Render(std::string_view request_json, std::span<const uint8_t> body);

  const HostConfig& config() const { return config_; }

 private:
  HostConfig config_;
  TenantCache tenants_;
};

}  // namespace luna
