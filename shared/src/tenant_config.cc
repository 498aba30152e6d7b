#include "immagin/tenant_config.h"

#include <string>
#include <utility>

#include "immagin/base64url.h"
#include "immagin/tenant_id.h"

namespace immagin {
namespace {

Result<SigningSecret> ParseSecret(const Json& json, const std::string& at) {
  if (!json.is_object()) return InvalidArgument(at, "must be {id, secret, validUntil?}");
  const auto id = json.find("id");
  if (id == json.end() || !id->is_string()) {
    return InvalidArgument(at + ".id", "is required (a string)");
  }
  const auto text = json.find("secret");
  if (text == json.end() || !text->is_string()) {
    return InvalidArgument(at + ".secret", "is required (base64url)");
  }
  auto key = Base64UrlDecode(text->get_ref<const std::string&>(), at + ".secret");
  if (!key) return key.error();
  // An empty HMAC key would verify signatures anyone can compute.
  if (key->empty()) return InvalidArgument(at + ".secret", "must not be empty");
  SigningSecret secret{id->get<std::string>(), std::move(*key), std::nullopt};
  if (const auto until = json.find("validUntil"); until != json.end() && !until->is_null()) {
    secret.valid_until = JsonInt64(*until);
    if (!secret.valid_until) {
      return InvalidArgument(at + ".validUntil", "must be unix seconds or null");
    }
  }
  return secret;
}

Status ValidateStorageNamespace(std::string_view value) {
  const bool safe =
      !value.empty() && value.size() <= kMaxStorageNamespaceLength &&
      value.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
  if (!safe) return InvalidArgument("storageNamespace", "must be 1-64 of [a-z0-9_-]");
  return {};
}

}  // namespace

Json TenantConfigJson(const TenantConfig& config) {
  Json secrets = Json::array();
  for (const SigningSecret& secret : config.secrets) {
    secrets.push_back(
        Json{{"id", secret.id},
             {"secret", Base64UrlEncode(secret.key)},
             {"validUntil", secret.valid_until ? Json(*secret.valid_until) : Json()}});
  }
  Json json{{"tenant", config.tenant},
            {"state", ToString(config.state)},
            {"secrets", std::move(secrets)}};
  if (!config.storage_namespace.empty()) json["storageNamespace"] = config.storage_namespace;
  return json;
}

Result<TenantConfig> ParseTenantConfig(std::string_view text) {
  auto json = ParseJson(text, "tenant config");
  if (!json) return json.error();
  const Json& root = *json;
  if (!root.is_object()) return InvalidArgument("tenant config", "must be an object");
  TenantConfig config;
  const auto tenant = root.find("tenant");
  if (tenant == root.end() || !tenant->is_string()) {
    return InvalidArgument("tenant", "is required (a string)");
  }
  config.tenant = tenant->get<std::string>();
  if (auto valid = ValidateTenantId(config.tenant); !valid) return valid.error();
  if (const auto state = root.find("state"); state != root.end()) {
    auto parsed = ParseProjectState(state->is_string() ? state->get_ref<const std::string&>() : "");
    if (!parsed) return parsed.error();
    config.state = *parsed;
  }
  if (const auto ns = root.find("storageNamespace"); ns != root.end()) {
    config.storage_namespace = ns->is_string() ? ns->get<std::string>() : "";
    if (auto valid = ValidateStorageNamespace(config.storage_namespace); !valid) {
      return valid.error();
    }
  }
  const auto secrets = root.find("secrets");
  if (secrets == root.end() || !secrets->is_array()) {
    return InvalidArgument("secrets", "is required (an array)");
  }
  for (size_t i = 0; i < secrets->size(); ++i) {
    auto secret = ParseSecret((*secrets)[i], "secrets[" + std::to_string(i) + "]");
    if (!secret) return secret.error();
    config.secrets.push_back(std::move(*secret));
  }
  return config;
}

}  // namespace immagin
