// luna-server's configuration: the host protocol's (HostConfig, the same settings as the
// Worker's) and what only this host has, from flags (--name value) over the environment
// (LUNA_NAME), validated at start. ServerSettings() is the one table of both.
#pragma once

#include <string>
#include <vector>

#include "immagin/settings.h"
#include "luna/host_protocol.h"

namespace luna {

struct ServerConfig {
  HostConfig host;
  std::string listen = "127.0.0.1:8080";
  std::string tenants_file;     // development: tenants from a JSON file, not the control plane
  std::string edge_token_file;  // the edge token read from a file, out of `ps`
  std::string originals_dir;    // development: originals at {dir}/{tenant}/{key}
  std::string data_dir = "data/luna";  // the usage journal
  int max_concurrent = 2;              // fetches and renders at once

  static immagin::Result<ServerConfig> Load(int argc, char** argv);
  immagin::Status Validate() const;
};

const std::vector<immagin::Setting<ServerConfig>>& ServerSettings();

}  // namespace luna
