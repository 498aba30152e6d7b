#include "immagin/tenant_id.h"

#include <string>

namespace immagin {

Status ValidateTenantId(std::string_view tenant, std::string_view field) {
  const std::string f(field);
  if (tenant.size() < 3 || tenant.size() > 63) {
    return InvalidArgument(f, "must be 3 to 63 characters");
  }
  for (const char c : tenant) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return InvalidArgument(f, "may only contain a-z, 0-9 and '-'");
  }
  if (tenant.front() == '-' || tenant.back() == '-') {
    return InvalidArgument(f, "must not start or end with '-'");
  }
  return {};
}

}  // namespace immagin
