#include "purge/varnish_purger.h"

#include "immagin/http_client.h"

namespace immagin::cp {

const std::string& VarnishPurger::name() const {
  static const std::string kName = "varnish";
  return kName;
}

Status VarnishPurger::Purge(const std::vector<std::string>& tags) {
  std::string keys;
  for (const auto& tag : tags) keys += (keys.empty() ? "" : " ") + tag;
  auto response = http::Send({.method = "PURGE",
                              .url = base_url_ + "/",
                              .headers = {{"xkey-purge", keys}},
                              .timeout_ms = static_cast<int>(timeout_ms_),
                              .connect_timeout_ms = static_cast<int>(timeout_ms_),
                              .max_body_bytes = kMaxPurgeAnswerBytes});
  if (!response.ok()) return Internal("varnish purge: " + response.error().message);
  if (response->status < 200 || response->status > 299)
    return Internal("varnish purge: HTTP " + std::to_string(response->status));
  return {};
}

}  // namespace immagin::cp
