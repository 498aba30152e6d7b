// A project's state as the edge acts on it: active, suspended (by an operator) or
// over_quota (a free project past its monthly transforms: new transforms stop, cached ones
// keep serving). The names below are the wire and API spelling, the one list of them.
#pragma once

#include <string_view>

#include "immagin/status.h"

namespace immagin {

enum class ProjectState { kActive, kSuspended, kOverQuota };

// "active", "suspended", "over_quota".
std::string_view ToString(ProjectState state);

// The inverse of ToString; anything else is an error naming `field`.
Result<ProjectState> ParseProjectState(std::string_view text, std::string_view field = "state");

}  // namespace immagin
