#include "tenant_source.h"

#include <fstream>
#include <iterator>
#include <map>

#include "fetch_step.h"
#include "luna/delivery.h"

namespace luna {
namespace {

class ControlPlaneTenants : public TenantSource {
 public:
  immagin::Json Fetch(const immagin::Json& step) override {
    // A config is a few hundred bytes; a megabyte is a control plane gone wrong.
    const immagin::http::Request request = RequestForStep(step, 5000, 1u << 20);
    auto response = immagin::http::Send(request);
    if (!response) return {{"status", 0}, {"body", ""}};
    return {{"status", response->status}, {"body", std::move(response->body)}};
  }
};

class FileTenants : public TenantSource {
 public:
  explicit FileTenants(std::map<std::string, std::string> configs) : configs_(std::move(configs)) {}

  immagin::Json Fetch(const immagin::Json& step) override {
    const auto it = configs_.find(StepText(step, "tenant"));
    if (it == configs_.end()) return {{"status", 404}, {"body", ""}};
    return {{"status", 200}, {"body", it->second}};
  }

 private:
  std::map<std::string, std::string> configs_;  // tenant → its config's JSON
};

}  // namespace

std::unique_ptr<TenantSource> TenantsFromControlPlane() {
  return std::make_unique<ControlPlaneTenants>();
}

immagin::Result<std::unique_ptr<TenantSource>> TenantsFromFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return immagin::InvalidArgument("tenants file", "cannot read " + path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto json = immagin::ParseJson(text, "tenants file");
  if (!json) return json.error();
  if (!json->is_object() || !json->contains("tenants") || !(*json)["tenants"].is_array()) {
    return immagin::InvalidArgument("tenants file", "expected {\"tenants\": [...]}");
  }
  std::map<std::string, std::string> configs;
  for (const auto& entry : (*json)["tenants"]) {
    // Checked at start, so a typo is an error now rather than a 503 per request.
    const std::string config = immagin::DumpJson(entry);
    auto parsed = ParseTenantConfig(config);
    if (!parsed) return parsed.error();
    configs[parsed->tenant] = config;
  }
  return std::unique_ptr<TenantSource>(new FileTenants(std::move(configs)));
}

}  // namespace luna
