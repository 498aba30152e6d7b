// Signature first (nothing unauthenticated is parsed), then the payload, expiry, the
// tenant's state, and the output format for this client.
#include "immagin/transform_id.h"
#include "luna/delivery.h"

namespace luna {
namespace {

using immagin::Error;
using immagin::ErrorCode;
using immagin::OutputFormat;

bool Accepts(std::string_view accept, std::string_view type) {
  return accept.find(type) != std::string_view::npos;
}

}  // namespace

std::variant<Plan, Response> Prepare(const Request& request, const Target& target,
                                     const TenantConfig& tenant,
                                     const immagin::RequestLimits& limits) {
  auto secret = immagin::VerifySignature(target.tenant, target.payload, target.sig, tenant.secrets,
                                         request.now);
  if (!secret) return ErrorResponse(secret.error(), request);
  auto payload = immagin::DecodePayload(target.payload, limits);
  if (!payload) return ErrorResponse(payload.error(), request);
  if (auto fresh = immagin::CheckExpiry(payload->exp, request.now); !fresh) {
    return ErrorResponse(fresh.error(), request);
  }
  switch (tenant.state) {
    case TenantState::kSuspended:
      return ErrorResponse(Error{ErrorCode::kForbidden, "tenant", "this project is suspended"},
                           request);
    case TenantState::kOverQuota:
      return ErrorResponse(Error{ErrorCode::kTooManyRequests, "tenant",
                                 "this project has used its monthly transforms; cached images "
                                 "keep being served"},
                           request);
    case TenantState::kActive: break;
  }

  Plan plan;
  plan.tenant = target.tenant;
  plan.secret_id = *secret;
  plan.storage_namespace =
      tenant.storage_namespace.empty() ? target.tenant : tenant.storage_namespace;
  plan.transform_id = immagin::TransformId(target.tenant, *payload);
  plan.output = payload->output;
  if (plan.output.format == OutputFormat::kAuto) {
    plan.vary_accept = true;
    if (Accepts(request.accept, "image/avif")) {
      plan.output.format = OutputFormat::kAvif;
    } else if (Accepts(request.accept, "image/webp")) {
      plan.output.format = OutputFormat::kWebp;
    }
    // Otherwise it stays "auto" until Render knows whether the image has alpha.
  }
  plan.payload = std::move(*payload);
  // Metadata describes the original alone: no overlay is needed for it.
  if (!plan.payload.metadata) plan.overlay_keys = immagin::OverlayKeys(plan.payload.edits.edits);
  return plan;
}

}  // namespace luna
