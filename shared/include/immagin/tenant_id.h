#pragma once

#include <string_view>

#include "immagin/status.h"

namespace immagin {

// A tenant id is the project's subdomain (`{tenant}.{cdn-domain}`): one DNS label of
// 3 to 63 characters from [a-z0-9-] that neither starts nor ends with '-'.
Status ValidateTenantId(std::string_view tenant, std::string_view field = "tenant");

}  // namespace immagin
