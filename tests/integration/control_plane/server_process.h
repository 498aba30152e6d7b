// The real binaries as child processes, for tests that kill them: immagin-control-plane on
// an ephemeral loopback port over a data directory, and immagin-admin (run to completion,
// or started in the background to be killed part-way).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace immagin::cp::testing {

inline constexpr const char* kProcessEdgeToken = "process-test-edge-token";

// `immagin-admin ARGS` (a shell command line); its stdout. Expects exit status 0.
std::string RunAdmin(const std::string& args);

// immagin-control-plane --listen 127.0.0.1:0 --data-dir DIR --edge-token … [extra_args];
// the constructor returns once it listens (port() is 0 when it did not start). Killed
// with SIGKILL when destroyed, unless Kill() was called first.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& data_dir,
                         const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Sends `signal` and reaps the process; returns its wait status.
  int Kill(int signal);
  std::string Url(const std::string& path) const;
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// immagin-admin ARGV… in the background (its output discarded), for killing it part-way.
class AdminProcess {
 public:
  explicit AdminProcess(const std::vector<std::string>& args);
  ~AdminProcess();
  AdminProcess(const AdminProcess&) = delete;
  AdminProcess& operator=(const AdminProcess&) = delete;

  // Sends `signal` (if still running) and reaps the process; returns its wait status.
  int Kill(int signal);
  // Waits for the process to end; returns its wait status.
  int Wait();

 private:
  pid_t pid_ = -1;
};

}  // namespace immagin::cp::testing
