#pragma once

#include <string>
#include <string_view>

#include "immagin/delivery_payload.h"

namespace immagin {

// The identity of a unique transform: BLAKE2b-128 (hex) over the tenant and the canonical
// payload without `exp` (the same image rendered the same way is one transform, however
// long its URL lives). It is the CDN cache key, the ETag seed and the usage dedupe key.
std::string TransformId(std::string_view tenant, const DeliveryPayload& payload);

// Whether `id` has the form TransformId gives: 32 lowercase hex characters.
bool IsTransformId(std::string_view id);

}  // namespace immagin
