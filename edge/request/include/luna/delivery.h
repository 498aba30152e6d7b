// Luna's request handling, free of sockets and threads, in two steps so that a host
// without network access inside the module (wasm) can do the I/O in between:
//
//   target  = ParseTarget(request, cdn_domain)         → tenant + payload + sig, or a response
//   (host fetches the tenant's config)
//   prepare = Prepare(request, target, tenant, limits) → a Plan, or a response
//   (host fetches the original: plan.tenant, plan.payload.key)
//   render  = Render(request, plan, original, config)  → the response (+ a usage event)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "immagin/delivery_payload.h"
#include "immagin/json.h"
#include "immagin/request_limits.h"
#include "immagin/signing.h"
#include "immagin/tenant_config.h"
#include "immagin/usage_event.h"
#include "luna/engine_config.h"

namespace luna {

struct Request {
  std::string method;  // "GET", "HEAD", ...
  std::string host;    // Host header, e.g. "demo.cdn.example" or "127.0.0.1:8080"
  std::string target;  // path and query, e.g. "/demo/eyJr...?sig=..."
  std::string accept;  // Accept header
  std::string if_none_match;
  int64_t now = 0;  // unix seconds
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // empty for HEAD (Content-Length still says the GET size)

  const std::string* Header(std::string_view name) const;
};

// The wire formats live in shared/ (one writer, one parser each); these names keep Luna's
// code reading as it did.
using TenantState = immagin::ProjectState;
using TenantConfig = immagin::TenantConfig;
using immagin::ParseTenantConfig;

struct Target {
  std::string tenant;
  std::string payload;  // base64url, as sent
  std::string sig;
};

struct Plan {
  std::string tenant;
  immagin::DeliveryPayload payload;  // canonical
  immagin::OutputOptions output;     // format resolved ("auto" chosen from Accept)
  bool vary_accept = false;          // the format depended on Accept
  std::string transform_id;
  std::string secret_id;          // which active secret signed the URL
  std::string storage_namespace;  // TenantConfig::storage_namespace, or the tenant
  // The originals the image layers name, each fetched like the original itself.
  std::vector<std::string> overlay_keys;
};

// One fetched overlay of Plan::overlay_keys: its bytes and version (the storage's ETag).
struct FetchedOverlay {
  std::string key;
  std::span<const uint8_t> bytes;
  std::string version;
};

// One per rendered (200) transform: a line of luna-server's usage journal, an element of a
// batch sent to the control plane's /internal/v1/usage.
using UsageEvent = immagin::UsageEvent;
using immagin::UsageEventJson;

struct Rendered200 {
  Response response;
  std::optional<UsageEvent> usage;
};

// Host form `{tenant}.{cdn_domain}/{payload}?sig=` (when cdn_domain is set and matches) or
// path form `/{tenant}/{payload}?sig=`. Methods other than GET and HEAD: 405.
std::variant<Target, Response> ParseTarget(const Request& request, std::string_view cdn_domain);

std::variant<Plan, Response> Prepare(const Request& request, const Target& target,
                                     const TenantConfig& tenant,
                                     const immagin::RequestLimits& limits);

// `original_version` is the storage's ETag (or any string that changes with the bytes);
// `overlays` holds every key of plan.overlay_keys, and their versions join the ETag.
Rendered200 Render(const Request& request, const Plan& plan, std::span<const uint8_t> original,
                   std::string_view original_version, const EngineConfig& config,
                   std::span<const FetchedOverlay> overlays = {});

// The response for an error: JSON body naming the field, Cache-Control: no-store.
Response ErrorResponse(const immagin::Error& error, const Request& request);

// 404 for a missing original, with the key in the message.
Response MissingOriginal(const Plan& plan, const Request& request);

// 404 for a missing overlay, naming the first image layer that uses it (edits[i].image.key,
// counted in the canonical order, where layers come last).
Response MissingOverlay(const Plan& plan, const Request& request, std::string_view key);

}  // namespace luna
