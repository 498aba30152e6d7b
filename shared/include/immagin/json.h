// The project's one JSON library: nlohmann::json in its non-throwing configuration
// (JSON_NOEXCEPTION, set for every target that links immagin_shared). In that mode a
// failing checked accessor calls abort(), so code here only reads values after checking
// their type, parses with allow_exceptions=false and dumps with error_handler replace.
#pragma once

#ifndef JSON_NOEXCEPTION
#error "immagin builds nlohmann::json with JSON_NOEXCEPTION; link immagin_shared"
#endif

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "immagin/status.h"

namespace immagin {

using Json = nlohmann::json;

// Parses untrusted JSON: rejects syntax errors, duplicate object keys (which would
// otherwise resolve silently to the last one) and nesting deeper than `max_depth`.
Result<Json> ParseJson(std::string_view text, std::string_view field, int max_depth = 8);

// The value when it is an integer that fits in int64_t (a JSON number too large for one
// parses as unsigned and would otherwise wrap negative); nullopt otherwise.
std::optional<int64_t> JsonInt64(const Json& value);

// Compact serialisation with sorted keys; never aborts on odd strings.
std::string DumpJson(const Json& value);

}  // namespace immagin
