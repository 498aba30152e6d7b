#include "http/http_message.h"

namespace immagin::cp {

std::optional<std::string> HttpRequest::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> HttpRequest::Query(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

const std::string& HttpRequest::Param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

std::optional<std::string> HttpRequest::Cookie(const std::string& name) const {
  if (auto it = cookies.find(name); it != cookies.end()) return it->second;
  auto header = Header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
  }
  return std::nullopt;
}

HttpResponse HttpResponse::Json(int status, const immagin::Json& value) {
  return HttpResponse{status, "application/json", DumpJson(value), {}};
}

HttpResponse HttpResponse::PrivateJson(int status, const immagin::Json& value) {
  HttpResponse response = Json(status, value);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

HttpResponse HttpResponse::Empty(int status) { return HttpResponse{status, "", "", {}}; }

HttpResponse ErrorResponse(const Error& error) {
  immagin::Json body = immagin::Json::object();
  body["code"] = error.Name();
  if (!error.field.empty()) body["field"] = error.field;
  body["message"] = error.message;
  HttpResponse response =
      HttpResponse::PrivateJson(HttpStatus(error.code), immagin::Json{{"error", body}});
  if (error.retry_after_seconds > 0)
    response.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
  return response;
}

Result<immagin::Json> ParseJsonObjectBody(const HttpRequest& request, int64_t max_bytes) {
  if (request.body.empty()) return InvalidArgument("body", "a JSON object is required");
  if (static_cast<int64_t>(request.body.size()) > max_bytes)
    return PayloadTooLarge("body",
                           "a JSON body is at most " + std::to_string(max_bytes) + " bytes");
  auto parsed = ParseJson(request.body, "body");
  if (!parsed.ok()) return parsed.error();
  if (!parsed->is_object()) return InvalidArgument("body", "must be a JSON object");
  return std::move(parsed.value());
}

Result<std::map<std::string, std::string>> ParseStringFields(
    const HttpRequest& request, int64_t max_bytes, std::initializer_list<const char*> names) {
  auto body = ParseJsonObjectBody(request, max_bytes);
  if (!body.ok()) return body.error();
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : body->items()) {
    bool known = false;
    for (const char* allowed : names) known = known || name == allowed;
    if (!known) return InvalidArgument(name, "unknown field");
    if (!value.is_string()) return InvalidArgument(name, "must be a string");
    out[name] = value.get<std::string>();
  }
  for (const char* name : names)
    if (!out.count(name)) return InvalidArgument(name, "is required");
  return out;
}

}  // namespace immagin::cp
