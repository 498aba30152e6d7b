#include "http_client.h"

#include <cctype>
#include <chrono>

#include "immagin/http_client.h"

namespace immagin::cp::testing {

immagin::Json HttpResult::json() const {
  auto parsed = ParseJson(body, "body", 64);
  return parsed.ok() ? parsed.value() : immagin::Json();
}

std::string HttpResult::error_field() const {
  auto j = json();
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return "";
  auto& e = j["error"];
  return e.contains("field") && e["field"].is_string() ? e["field"].get<std::string>() : "";
}

std::string HttpResult::error_code() const {
  auto j = json();
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return "";
  auto& e = j["error"];
  return e.contains("code") && e["code"].is_string() ? e["code"].get<std::string>() : "";
}

HttpResult Send(const std::string& method, const std::string& url, const std::string& body,
                const std::vector<std::string>& headers) {
  http::Request request{.method = method, .url = url, .body = body, .timeout_ms = 30000};
  for (const std::string& header : headers) {
    size_t colon = header.find(':');
    size_t value = header.find_first_not_of(' ', colon + 1);
    request.headers.emplace_back(header.substr(0, colon),
                                 value == std::string::npos ? "" : header.substr(value));
  }
  HttpResult result;
  auto started = std::chrono::steady_clock::now();
  auto response = http::Send(request);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!response.ok()) return result;
  result.status = response->status;
  result.body = std::move(response->body);
  // Lower-cased names; of repeated headers, the last.
  for (auto& [name, value] : response->headers) {
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    result.headers[name] = std::move(value);
  }
  return result;
}

}  // namespace immagin::cp::testing
