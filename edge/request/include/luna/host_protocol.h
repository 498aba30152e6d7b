// Luna's request handling for a host that does all the I/O itself (the wasm module inside
// a worker): the host sends the request as JSON and gets back one step at a time, either
// a fetch to make or the response to send, so the host holds no delivery logic.
//
//   Prepare({request})                      → {"step":"fetch","what":"tenant",url,headers,
//                                              tenant,cacheSeconds,cacheEntries,refresh?}
//   Prepare({request, tenant: answer})      → {"step":"fetch","what":"original",url,headers}
//                                              or {"step":"respond",...}
//   Render({request, tenant, original, overlays?}, bytes) → {"step":"respond",status,headers,
//                                              usage?} + body
//
// With image layers the original step lists "overlays" [{key,url,headers}], fetched the same
// way; Render then gets the original followed by each overlay's bytes, and an answer per
// overlay with its "length" in that body.
//
// A request: {"method","host","target","accept","ifNoneMatch","now","pending"} (pending:
// renders the host already holds, for load shedding); an answer:
// {"status": HTTP status, "body": text (tenant), "cached": bool (tenant, from the host's
// cache), "etag": string and "size": Content-Length (original)}. A 403 on a cached tenant
// config asks for a fresh one ("refresh": true) so a rotated secret works at once.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "immagin/request_limits.h"
#include "luna/engine_config.h"
#include "luna/storage_request.h"

namespace luna {

struct HostConfig {
  std::string cdn_domain;         // LUNA_CDN_DOMAIN: host form {tenant}.{cdn_domain}
  StorageConfig storage;          // LUNA_CONTROL_PLANE_URL, LUNA_EDGE_TOKEN, LUNA_S3_*
  int tenant_cache_seconds = 30;  // LUNA_TENANT_CACHE_SECONDS: how long hosts keep a config
  int max_queue = 32;             // LUNA_MAX_QUEUE: renders a host may hold waiting; more get a 503
  EngineConfig engine;            // LUNA_MAX_*, LUNA_DEADLINE_MS, LUNA_AVIF_EFFORT
  // LUNA_MAX_TENANT_CACHE: tenants (known or not) a host keeps answers for, oldest out first
  int tenant_cache_entries = 10000;
  // Hosts that batch usage in memory (the Worker): LUNA_USAGE_FLUSH_MS, how long events wait
  // before a batch is sealed; LUNA_MAX_PENDING_USAGE, events held unsent at most.
  int usage_flush_ms = 2000;
  int max_pending_usage = 10000;
  immagin::RequestLimits limits;

  static immagin::Result<HostConfig> FromEnvironment();
  immagin::Status Validate() const;
};

struct HostStep {
  std::string head;  // JSON
  std::string body;  // the response body of a "respond" step
};

HostStep HostPrepare(std::string_view request_json, const HostConfig& config);
HostStep HostRender(std::string_view request_json, std::span<const uint8_t> original,
                    const HostConfig& config);

}  // namespace luna
