#include "server_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#ifndef IMMAGIN_CONTROL_PLANE_BIN
#error "IMMAGIN_CONTROL_PLANE_BIN and IMMAGIN_ADMIN_BIN must name the binaries"
#endif

namespace immagin::cp::testing {
namespace {

// Forks and execs `binary` with `args`; the child's stdout goes to `stdout_fd` (or
// /dev/null when it is -1).
pid_t Spawn(const char* binary, const std::vector<std::string>& args, int stdout_fd) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    int out = stdout_fd >= 0 ? stdout_fd : ::open("/dev/null", O_WRONLY);
    ::dup2(out, 1);
    ::execv(binary, argv.data());
    ::_exit(127);
  }
  return pid;
}

int Reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

std::string RunAdmin(const std::string& args) {
  std::string command = std::string(IMMAGIN_ADMIN_BIN) + " " + args;
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  char buffer[512];
  while (pipe && std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  if (pipe) EXPECT_EQ(::pclose(pipe), 0) << command << ": " << out;
  return out;
}

ServerProcess::ServerProcess(const std::string& data_dir,
                             const std::vector<std::string>& extra_args) {
  std::vector<std::string> args = {"--listen", "127.0.0.1:0",  "--data-dir",
                                   data_dir,   "--edge-token", kProcessEdgeToken};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  int fds[2];
  EXPECT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  pid_ = Spawn(IMMAGIN_CONTROL_PLANE_BIN, args, fds[1]);
  ::close(fds[1]);
  FILE* out = ::fdopen(fds[0], "r");
  char line[256] = {};
  // The one line the binary prints once it listens: "listening on HOST:PORT".
  if (std::fgets(line, sizeof line, out)) {
    std::string text = line;
    port_ = static_cast<int>(std::strtol(text.substr(text.rfind(':') + 1).c_str(), nullptr, 10));
  }
  std::fclose(out);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Kill(SIGKILL);
}

int ServerProcess::Kill(int signal) {
  ::kill(pid_, signal);
  int status = Reap(pid_);
  pid_ = -1;
  return status;
}

std::string ServerProcess::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

AdminProcess::AdminProcess(const std::vector<std::string>& args)
    : pid_(Spawn(IMMAGIN_ADMIN_BIN, args, -1)) {}

AdminProcess::~AdminProcess() {
  if (pid_ > 0) Kill(SIGKILL);
}

int AdminProcess::Kill(int signal) {
  ::kill(pid_, signal);  // a no-op on a process that ended but is not reaped yet
  int status = Reap(pid_);
  pid_ = -1;
  return status;
}

int AdminProcess::Wait() {
  int status = Reap(pid_);
  pid_ = -1;
  return status;
}

}  // namespace immagin::cp::testing
