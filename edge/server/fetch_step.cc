#include "fetch_step.h"

#include <algorithm>

namespace luna {

std::string StepText(const immagin::Json& step, const char* name) {
  const auto it = step.find(name);
  return it != step.end() && it->is_string() ? it->get<std::string>() : std::string();
}

immagin::http::Request RequestForStep(const immagin::Json& step, int default_timeout_ms,
                                      size_t max_body_bytes) {
  immagin::http::Request request{.url = StepText(step, "url"),
                                 .timeout_ms = default_timeout_ms,
                                 .max_body_bytes = max_body_bytes};
  if (const auto timeout = step.find("timeoutMs");
      timeout != step.end() && timeout->is_number_integer()) {
    request.timeout_ms = timeout->get<int>();
  }
  request.connect_timeout_ms = std::min(request.connect_timeout_ms, request.timeout_ms);
  if (const auto headers = step.find("headers"); headers != step.end() && headers->is_array()) {
    for (const auto& pair : *headers) {
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
        request.headers.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
      }
    }
  }
  return request;
}

}  // namespace luna
