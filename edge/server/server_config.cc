#include "server_config.h"

#include <fstream>

namespace luna {

const std::vector<immagin::Setting<ServerConfig>>& ServerSettings() {
  using C = ServerConfig;
  using immagin::TextSetting;
  static const std::vector<immagin::Setting<C>> table = [] {
    std::vector<immagin::Setting<C>> t = {
        TextSetting("LUNA_LISTEN", "listen", "host:port to serve on", &C::listen),
        TextSetting("LUNA_TENANTS_FILE", "tenants-file",
                    "development: tenant configs from a JSON file, not the control plane",
                    &C::tenants_file),
        TextSetting("LUNA_EDGE_TOKEN_FILE", "edge-token-file",
                    "the edge token read from this file at start", &C::edge_token_file),
        TextSetting("LUNA_ORIGINALS_DIR", "originals-dir",
                    "development: originals at {dir}/{tenant}/{key}", &C::originals_dir),
        TextSetting("LUNA_DATA_DIR", "data-dir", "the usage journal's directory", &C::data_dir),
        immagin::NumberSetting("LUNA_MAX_CONCURRENT", "max-concurrent",
                               "fetches and renders at once", &C::max_concurrent, 1, 256),
    };
    for (auto& s : immagin::Nest(HostSettings(), &C::host)) t.push_back(s);
    return t;
  }();
  return table;
}

immagin::Result<ServerConfig> ServerConfig::Load(int argc, char** argv) {
  const auto& table = ServerSettings();
  immagin::SettingValues values = immagin::ReadEnvironment(table);
  if (auto s = immagin::ReadFlags(table, argc, argv, values); !s) return s.error();
  ServerConfig c;
  if (auto s = immagin::ApplySettings(table, values, c); !s) return s.error();
  // The token reads every tenant's secrets and originals: keep it out of argv (`ps`).
  if (!c.edge_token_file.empty()) {
    std::ifstream in(c.edge_token_file);
    std::string& token = c.host.storage.edge_token;
    if (!in || !std::getline(in, token) || token.empty()) {
      return immagin::InvalidArgument("LUNA_EDGE_TOKEN_FILE",
                                      "cannot read a token from " + c.edge_token_file);
    }
    if (token.ends_with('\r')) token.pop_back();
  }
  if (auto s = c.Validate(); !s) return s.error();
  return c;
}

immagin::Status ServerConfig::Validate() const {
  if (listen.find(':') == std::string::npos) {
    return immagin::InvalidArgument("LUNA_LISTEN", "must be host:port");
  }
  const StorageConfig& storage = host.storage;
  if (tenants_file.empty() == storage.control_plane_url.empty()) {
    return immagin::InvalidArgument(
        "LUNA_TENANTS_FILE", "set exactly one of LUNA_TENANTS_FILE and LUNA_CONTROL_PLANE_URL");
  }
  if (!originals_dir.empty() && !storage.s3_endpoint.empty()) {
    return immagin::InvalidArgument("LUNA_S3_ENDPOINT",
                                    "set at most one of LUNA_ORIGINALS_DIR and LUNA_S3_ENDPOINT");
  }
  if (originals_dir.empty() && storage.s3_endpoint.empty() && storage.control_plane_url.empty()) {
    return immagin::InvalidArgument("LUNA_ORIGINALS_DIR",
                                    "set LUNA_ORIGINALS_DIR or LUNA_S3_ENDPOINT unless originals "
                                    "come from LUNA_CONTROL_PLANE_URL");
  }
  return host.Validate(/*needs_control_plane=*/false);
}

}  // namespace luna
