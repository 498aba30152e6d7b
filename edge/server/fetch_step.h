// A fetch step of the host protocol ({url, headers, timeoutMs?}) as the HTTP request
// luna-server makes for it.
#pragma once

#include <string>

#include "immagin/http_client.h"
#include "immagin/json.h"

namespace luna {

std::string StepText(const immagin::Json& step, const char* name);

immagin::http::Request RequestForStep(const immagin::Json& step, int default_timeout_ms,
                                      size_t max_body_bytes);

}  // namespace luna
