// RFC 3986 percent-encoding, the one implementation every URL builder and parser uses:
// presigned upload paths, SigV4 canonical requests, the edge's storage URLs, query values.
#pragma once

#include <string>
#include <string_view>

#include "immagin/status.h"

namespace immagin {

// Unreserved characters (A-Z a-z 0-9 - . _ ~) are kept, every other byte becomes %XX
// (uppercase hex, as SigV4 requires); '/' is kept too when `keep_slash` (paths of keys).
std::string PercentEncode(std::string_view text, bool keep_slash = false);

// Strict: a '%' not followed by two hex digits is an error naming `field`.
Result<std::string> PercentDecode(std::string_view text, std::string_view field);

}  // namespace immagin
