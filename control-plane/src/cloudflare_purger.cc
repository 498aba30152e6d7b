#include "cloudflare_purger.h"

#include "immagin/json.h"
#include "outbound_http.h"

namespace immagin::cp {

const std::string& CloudflarePurger::name() const {
  static const std::string kName = "cloudflare";
  return kName;
}

ApiStatus CloudflarePurger::Purge(const std::vector<std::string>& tags) {
  OutboundRequest request{
      "POST",
      config_.cloudflare_api_url + "/zones/" + config_.cloudflare_zone_id + "/purge_cache",
      {"Authorization: Bearer " + config_.cloudflare_api_token, "Content-Type: application/json"},
      DumpJson(Json{{"tags", tags}}),
      config_.request_timeout_ms};
  auto response = SendOutbound(request);
  if (!response.error.empty()) return Internal("cloudflare purge: " + response.error);
  auto json = ParseJson(response.body, "body");
  bool success = json.ok() && json->is_object() && json->contains("success") &&
                 (*json)["success"].is_boolean() && (*json)["success"].get<bool>();
  if (response.status != 200 || !success)
    return Internal("cloudflare purge: HTTP " + std::to_string(response.status) + " " +
                    response.body.substr(0, 200));
  return {};
}

}  // namespace immagin::cp
