#include "http/metrics.h"

#include <cstdio>

namespace immagin::cp {
namespace {

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

void Metrics::RecordRequest(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  Histogram& histogram = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++histogram.buckets[i];
  ++histogram.count;
  histogram.sum += seconds;
}

void Metrics::RecordUsageEvents(int64_t received, int64_t counted) {
  std::lock_guard lock(mutex_);
  usage_received_ += received;
  usage_counted_ += counted;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP immagin_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE immagin_http_requests_total counter\n";
  for (const auto& [key, count] : requests_)
    out += "immagin_http_requests_total{route=\"" + key.first + "\",status=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
  out += "# HELP immagin_http_request_duration_seconds Request latency by route.\n";
  out += "# TYPE immagin_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_) {
    std::string label = "route=\"" + route + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out += "immagin_http_request_duration_seconds_bucket{" + label + ",le=\"" +
             Number(kBuckets[i]) + "\"} " + std::to_string(histogram.buckets[i]) + "\n";
    out += "immagin_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
           std::to_string(histogram.count) + "\n";
    out +=
        "immagin_http_request_duration_seconds_sum{" + label + "} " + Number(histogram.sum) + "\n";
    out += "immagin_http_request_duration_seconds_count{" + label + "} " +
           std::to_string(histogram.count) + "\n";
  }
  out += "# HELP immagin_usage_events_received_total Usage events received from the edge.\n";
  out += "# TYPE immagin_usage_events_received_total counter\n";
  out += "immagin_usage_events_received_total " + std::to_string(usage_received_) + "\n";
  out += "# HELP immagin_usage_transforms_counted_total New unique transforms recorded.\n";
  out += "# TYPE immagin_usage_transforms_counted_total counter\n";
  out += "immagin_usage_transforms_counted_total " + std::to_string(usage_counted_) + "\n";
  return out;
}

}  // namespace immagin::cp
