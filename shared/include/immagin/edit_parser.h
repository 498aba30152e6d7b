// JSON → validated edit model. Every error names the edit index and the field:
// "edits[2].resize.width: must be an integer between 1 and 16384".
#pragma once

#include "immagin/edit.h"
#include "immagin/json.h"
#include "immagin/request_limits.h"
#include "immagin/status.h"

namespace immagin {

// `edits` is one edit object or an array of them (null means none). Each edit object has
// exactly one member, its name: `{ "resize": { "width": 800 } }`, `{ "blur": 5 }`.
// Defaults are filled in; the order is kept (canonical.h reorders).
Result<EditList> ParseEdits(const Json& edits, const RequestLimits& limits);

// `{ format?, quality?, progressive?, lossless?, animated?, compression? }`; null means all
// defaults.
Result<OutputOptions> ParseOutput(const Json& output);

}  // namespace immagin
