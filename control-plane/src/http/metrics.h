// Prometheus metrics: requests by route and status, a latency histogram by route, usage
// events ingested. Text exposition format 0.0.4.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace immagin::cp {

class Metrics {
 public:
  void RecordRequest(const std::string& route, int status, double seconds);
  void RecordUsageEvents(int64_t received, int64_t counted);
  std::string Render() const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,  0.1,    0.25,  0.5,  1.0};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  int64_t usage_received_ = 0;
  int64_t usage_counted_ = 0;
};

}  // namespace immagin::cp
