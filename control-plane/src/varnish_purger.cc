#include "varnish_purger.h"

#include "outbound_http.h"

namespace immagin::cp {

const std::string& VarnishPurger::name() const {
  static const std::string kName = "varnish";
  return kName;
}

ApiStatus VarnishPurger::Purge(const std::vector<std::string>& tags) {
  std::string header = "xkey-purge:";
  for (const auto& tag : tags) header += " " + tag;
  auto response =
      SendOutbound(OutboundRequest{"PURGE", base_url_ + "/", {header}, "", timeout_ms_});
  if (!response.error.empty()) return Internal("varnish purge: " + response.error);
  if (response.status < 200 || response.status > 299)
    return Internal("varnish purge: HTTP " + std::to_string(response.status));
  return {};
}

}  // namespace immagin::cp
