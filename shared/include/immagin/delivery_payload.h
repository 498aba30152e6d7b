// The delivery payload: what a signed URL asks Luna for.
//   JSON:  {"key": "...", "edits": [...], "output": {...}, "metadata"?: true, "exp"?: unix-s}
//   URL:   base64url (no padding) of that JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "immagin/edit.h"
#include "immagin/request_limits.h"
#include "immagin/status.h"

namespace immagin {

struct DeliveryPayload {
  std::string key;
  EditList edits;
  OutputOptions output;
  bool metadata = false;       // a metadata request: no edits, no output options
  std::optional<int64_t> exp;  // unix seconds; past it the URL is refused
  friend bool operator==(const DeliveryPayload&, const DeliveryPayload&) = default;
};

// Validates everything (key, edits, output, unknown members) and returns the canonical form.
Result<DeliveryPayload> ParsePayloadJson(std::string_view json, const RequestLimits& limits);

// base64url → JSON → ParsePayloadJson; errors name the field ("payload", "edits[1]...").
Result<DeliveryPayload> DecodePayload(std::string_view payload, const RequestLimits& limits);

// Canonical JSON with sorted keys and every default spelled out.
std::string CanonicalPayloadJson(const DeliveryPayload& payload);

// base64url of CanonicalPayloadJson: the payload segment of a delivery URL.
std::string EncodePayload(const DeliveryPayload& payload);

}  // namespace immagin
