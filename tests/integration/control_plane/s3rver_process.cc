#include "s3rver_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#ifndef IMMAGIN_S3RVER_SCRIPT
#error "IMMAGIN_S3RVER_SCRIPT must name tests/integration/control_plane/s3rver.mjs"
#endif

namespace immagin::cp::testing {

S3rverProcess::S3rverProcess(const std::filesystem::path& directory) {
  std::filesystem::create_directories(directory);
  int fds[2];
  if (::pipe(fds) != 0) return;
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    // Presigned URLs are verified as S3 would (s3rver.mjs), so a wrong signature fails here.
    ::execlp("node", "node", IMMAGIN_S3RVER_SCRIPT, directory.c_str(), kBucket,
             "--verify-presigned", nullptr);
    ::_exit(127);
  }
  ::close(fds[1]);
  FILE* out = ::fdopen(fds[0], "r");
  char line[256] = {};
  if (out != nullptr && std::fgets(line, sizeof line, out) != nullptr) {
    std::string text = line;
    if (text.rfind("listening on ", 0) == 0)
      port_ = static_cast<int>(std::strtol(text.substr(text.rfind(':') + 1).c_str(), nullptr, 10));
  }
  if (out != nullptr) std::fclose(out);
}

S3rverProcess::~S3rverProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
}

}  // namespace immagin::cp::testing
