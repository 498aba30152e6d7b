// base64url without padding (RFC 4648 §5), strict: the decoder accepts exactly what the
// encoder produces, so one byte sequence has one textual form (signatures rely on that).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "immagin/status.h"

namespace immagin {

std::string Base64UrlEncode(std::span<const uint8_t> bytes);
std::string Base64UrlEncode(std::string_view bytes);

// Standard base64 with padding (RFC 4648 §4), for data: URLs and JSON fields.
std::string Base64Encode(std::span<const uint8_t> bytes);

// Rejects padding, characters outside [A-Za-z0-9_-], a length of 4n+1 and non-zero
// trailing bits. `field` names the input in the error.
Result<std::string> Base64UrlDecode(std::string_view text, std::string_view field = "base64url");

}  // namespace immagin
