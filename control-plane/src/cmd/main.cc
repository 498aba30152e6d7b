// immagin-control-plane: loads the configuration, starts the server and stops it cleanly
// on SIGINT/SIGTERM.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "config.h"
#include "http/server.h"
#include "http/structured_log.h"

int main(int argc, char** argv) {
  using namespace immagin::cp;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::printf("usage: immagin-control-plane [options]\n%s", ConfigUsage().c_str());
    return 0;
  }
  auto config = LoadConfig(args, [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  });
  if (!config.ok()) {
    std::fprintf(stderr, "immagin-control-plane: invalid configuration: %s: %s\n%s",
                 config.error().field.c_str(), config.error().message.c_str(),
                 ConfigUsage().c_str());
    return 2;
  }
  // Block the stop signals before any thread starts, so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto server = Server::Create(config.value());
  if (!server.ok()) {
    LogEvent("error", "cannot start", immagin::Json{{"error", server.error().message}});
    return 1;
  }
  if (auto status = server.value()->Start(); !status.ok()) {
    LogEvent("error", "cannot start", immagin::Json{{"error", status.error().message}});
    return 1;
  }
  // The one line scripts read to learn the port (useful with --listen 127.0.0.1:0).
  std::printf("listening on %s:%u\n", config->listen_host.c_str(), server.value()->port());
  if (server.value()->internal_port() != 0)
    std::printf("internal listening on %s:%u\n", config->internal_listen_host.c_str(),
                server.value()->internal_port());
  std::fflush(stdout);
  int received = 0;
  sigwait(&stop_signals, &received);
  LogEvent("info", "shutting down", immagin::Json{{"signal", received}});
  server.value()->Shutdown();
  return 0;
}
