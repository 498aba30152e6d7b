// The presigned upload's checks (key, max, exp, signature, expiry) run on its request line
// alone, before the body is read: a forged or expired URL is answered at once instead of
// after up to max-upload-bytes have been received and buffered. The upload route checks
// them again on the whole request; this is only the early answer.
#pragma once

#include <optional>
#include <string_view>

#include "immagin/status.h"
#include "services.h"

namespace immagin::cp {

// The refusal for `PUT {target}` when it is a presigned upload that cannot succeed;
// nothing for anything else (other routes, or an upload that verifies).
std::optional<Error> PrecheckUpload(std::string_view method, std::string_view target,
                                    const Router& router, Services& services);

}  // namespace immagin::cp
