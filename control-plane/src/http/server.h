// The control plane as an object: opens the database and storage, wires the routes and
// serves them with Pistache. main() and the tests both use it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "immagin/status.h"

namespace immagin::cp {

class Server {
 public:
  static Result<std::unique_ptr<Server>> Create(const Config& config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and serves on background threads.
  Status Start();
  uint16_t port() const;
  // The internal listener's port (--internal-listen), 0 when the internal API is served
  // on the main listener.
  uint16_t internal_port() const;
  // "METHOD /pattern" of every route served (the OpenAPI test compares them).
  std::vector<std::string> Routes() const;
  // Stops the listener and joins Pistache's threads.
  void Shutdown();

 private:
  struct State;
  explicit Server(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace immagin::cp
