#include "purge/cloudflare_purger.h"

#include "immagin/http_client.h"
#include "immagin/json.h"

namespace immagin::cp {

const std::string& CloudflarePurger::name() const {
  static const std::string kName = "cloudflare";
  return kName;
}

Status CloudflarePurger::Purge(const std::vector<std::string>& tags) {
  const int timeout_ms = static_cast<int>(config_.request_timeout_ms);
  auto response = http::Send(
      {.method = "POST",
       .url = config_.cloudflare_api_url + "/zones/" + config_.cloudflare_zone_id + "/purge_cache",
       .headers = {{"Authorization", "Bearer " + config_.cloudflare_api_token},
                   {"Content-Type", "application/json"}},
       .body = DumpJson(Json{{"tags", tags}}),
       .timeout_ms = timeout_ms,
       .connect_timeout_ms = timeout_ms,
       .max_body_bytes = kMaxPurgeAnswerBytes});
  if (!response.ok()) return Internal("cloudflare purge: " + response.error().message);
  auto json = ParseJson(response->body, "body");
  bool success = json.ok() && json->is_object() && json->contains("success") &&
                 (*json)["success"].is_boolean() && (*json)["success"].get<bool>();
  if (response->status != 200 || !success)
    return Internal("cloudflare purge: HTTP " + std::to_string(response->status) + " " +
                    response->body.substr(0, 200));
  return {};
}

}  // namespace immagin::cp
