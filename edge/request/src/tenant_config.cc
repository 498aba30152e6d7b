#include "immagin/base64url.h"
#include "immagin/json.h"
#include "immagin/tenant_id.h"
#include "luna/delivery.h"

namespace luna {

immagin::Result<TenantConfig> ParseTenantConfig(std::string_view text) {
  auto json = immagin::ParseJson(text, "tenant config");
  if (!json) return json.error();
  const immagin::Json& root = *json;
  if (!root.is_object()) return immagin::InvalidArgument("tenant config", "must be an object");
  TenantConfig config;
  const auto tenant = root.find("tenant");
  if (tenant == root.end() || !tenant->is_string()) {
    return immagin::InvalidArgument("tenant", "is required (a string)");
  }
  config.tenant = tenant->get<std::string>();
  if (auto s = immagin::ValidateTenantId(config.tenant); !s) return s.error();
  if (const auto state = root.find("state"); state != root.end()) {
    const std::string value = state->is_string() ? state->get<std::string>() : "";
    if (value == "active") {
      config.state = TenantState::kActive;
    } else if (value == "suspended") {
      config.state = TenantState::kSuspended;
    } else if (value == "over_quota") {
      config.state = TenantState::kOverQuota;
    } else {
      return immagin::InvalidArgument("state", "must be active, suspended or over_quota");
    }
  }
  if (const auto ns = root.find("storageNamespace"); ns != root.end()) {
    // It becomes a path segment of every S3 read: lowercase letters, digits, "_" and "-" only.
    const std::string value = ns->is_string() ? ns->get<std::string>() : "";
    const bool safe =
        !value.empty() && value.size() <= 64 &&
        value.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
    if (!safe) {
      return immagin::InvalidArgument("storageNamespace", "must be 1-64 of [a-z0-9_-]");
    }
    config.storage_namespace = value;
  }
  const auto secrets = root.find("secrets");
  if (secrets == root.end() || !secrets->is_array()) {
    return immagin::InvalidArgument("secrets", "is required (an array)");
  }
  for (size_t i = 0; i < secrets->size(); ++i) {
    const immagin::Json& s = (*secrets)[i];
    const std::string at = "secrets[" + std::to_string(i) + "]";
    if (!s.is_object() || !s.contains("id") || !s["id"].is_string() || !s.contains("secret") ||
        !s["secret"].is_string()) {
      return immagin::InvalidArgument(at, "must be {id, secret, validUntil?}");
    }
    auto key = immagin::Base64UrlDecode(s["secret"].get<std::string>(), at + ".secret");
    if (!key) return key.error();
    immagin::SigningSecret secret{s["id"].get<std::string>(), *key, std::nullopt};
    if (s.contains("validUntil") && !s["validUntil"].is_null()) {
      if (!s["validUntil"].is_number_integer()) {
        return immagin::InvalidArgument(at + ".validUntil", "must be unix seconds or null");
      }
      secret.valid_until = s["validUntil"].get<int64_t>();
    }
    config.secrets.push_back(std::move(secret));
  }
  return config;
}

}  // namespace luna
