// s3rver (npm, installed under tests/node_modules by scripts/test.sh) on an ephemeral
// loopback port, for the S3 backend's tests.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace immagin::cp::testing {

class S3rverProcess {
 public:
  static constexpr const char* kBucket = "immagin";
  explicit S3rverProcess(const std::filesystem::path& directory);
  ~S3rverProcess();
  S3rverProcess(const S3rverProcess&) = delete;
  S3rverProcess& operator=(const S3rverProcess&) = delete;

  bool running() const { return port_ > 0; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace immagin::cp::testing
