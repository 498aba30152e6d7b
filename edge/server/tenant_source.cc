#include "tenant_source.h"

#include <fstream>
#include <iterator>
#include <optional>

#include "http_client.h"
#include "immagin/json.h"
#include "immagin/percent_encoding.h"

namespace luna {
namespace {

immagin::Error Unknown(const std::string& tenant) {
  return immagin::Error{immagin::ErrorCode::kNotFound, "tenant",
                        "no project with tenant id \"" + tenant + "\""};
}

class FileTenants : public TenantSource {
 public:
  explicit FileTenants(std::map<std::string, TenantConfig> tenants)
      : tenants_(std::move(tenants)) {}
  immagin::Result<TenantConfig> Lookup(const std::string& tenant) override {
    const auto it = tenants_.find(tenant);
    if (it == tenants_.end()) return Unknown(tenant);
    return it->second;
  }

 private:
  std::map<std::string, TenantConfig> tenants_;
};

class ControlPlaneTenants : public TenantSource {
 public:
  ControlPlaneTenants(std::string base_url, std::string token, std::chrono::seconds ttl)
      : base_url_(std::move(base_url)), token_(std::move(token)), ttl_(ttl) {}

  immagin::Result<TenantConfig> Lookup(const std::string& tenant) override {
    const auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(mutex_);
      const auto it = cache_.find(tenant);
      if (it != cache_.end() && it->second.expires > now) {
        if (!it->second.config) return Unknown(tenant);
        return *it->second.config;
      }
    }
    return Fetch(tenant, now);
  }

  // At most once a second per tenant: forged signatures must not turn into a stream of
  // control-plane requests.
  immagin::Result<TenantConfig> Refresh(const std::string& tenant) override {
    const auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(mutex_);
      const auto it = cache_.find(tenant);
      if (it != cache_.end() && now - it->second.fetched < std::chrono::seconds(1)) {
        return immagin::Error{immagin::ErrorCode::kUnavailable, "tenant", "fetched moments ago"};
      }
    }
    return Fetch(tenant, now);
  }

 private:
  // Unknown tenants are remembered too (no config), or random valid-looking tenant ids
  // would each cost a control-plane lookup on the transform queue; the cache is bounded so
  // that they cannot grow it without end either.
  static constexpr size_t kMaxEntries = 10000;

  struct Entry {
    std::optional<TenantConfig> config;
    std::chrono::steady_clock::time_point fetched;
    std::chrono::steady_clock::time_point expires;
  };

  immagin::Result<TenantConfig> Fetch(const std::string& tenant,
                                      std::chrono::steady_clock::time_point now) {
    auto response =
        HttpGet(base_url_ + "/internal/v1/tenants/" + immagin::PercentEncode(tenant), token_, 5000);
    if (!response) return response.error();
    if (response->status == 404) {
      Remember(tenant, Entry{std::nullopt, now, now + ttl_});
      return Unknown(tenant);
    }
    if (response->status != 200) {
      return immagin::Error{immagin::ErrorCode::kUnavailable, "",
                            "the control plane answered " + std::to_string(response->status) +
                                " for tenant \"" + tenant + "\""};
    }
    auto config = ParseTenantConfig(response->body);
    if (!config) return config.error();
    Remember(tenant, Entry{*config, now, now + ttl_});
    return config;
  }

  void Remember(const std::string& tenant, Entry entry) {
    std::lock_guard lock(mutex_);
    if (cache_.size() >= kMaxEntries && !cache_.contains(tenant)) {
      std::erase_if(cache_, [&](const auto& item) { return item.second.expires <= entry.fetched; });
      if (cache_.size() >= kMaxEntries) cache_.erase(cache_.begin());
    }
    cache_[tenant] = std::move(entry);
  }

  std::string base_url_;
  std::string token_;
  std::chrono::seconds ttl_;
  std::mutex mutex_;
  std::map<std::string, Entry> cache_;
};

}  // namespace

immagin::Result<std::unique_ptr<TenantSource>> TenantsFromFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return immagin::InvalidArgument("tenants file", "cannot read " + path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto json = immagin::ParseJson(text, "tenants file");
  if (!json) return json.error();
  if (!json->is_object() || !json->contains("tenants") || !(*json)["tenants"].is_array()) {
    return immagin::InvalidArgument("tenants file", "expected {\"tenants\": [...]}");
  }
  std::map<std::string, TenantConfig> tenants;
  for (const auto& entry : (*json)["tenants"]) {
    auto config = ParseTenantConfig(immagin::DumpJson(entry));
    if (!config) return config.error();
    tenants[config->tenant] = *config;
  }
  return std::unique_ptr<TenantSource>(new FileTenants(std::move(tenants)));
}

std::unique_ptr<TenantSource> TenantsFromControlPlane(std::string base_url, std::string edge_token,
                                                      std::chrono::seconds ttl) {
  return std::make_unique<ControlPlaneTenants>(std::move(base_url), std::move(edge_token), ttl);
}

}  // namespace luna
