#include "http_message.h"

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

HttpResponse HttpResponse::Json(int status, const immagin::Json& value) {
  return HttpResponse{status, "application/json", DumpJson(value), {}};
}

HttpResponse HttpResponse::Empty(int status) { return HttpResponse{status, "", "", {}}; }

HttpResponse ErrorResponse(const ApiError& error) {
  immagin::Json body = immagin::Json::object();
  body["code"] = error.code;
  if (!error.field.empty()) body["field"] = error.field;
  body["message"] = error.message;
  HttpResponse response = HttpResponse::Json(error.http_status, immagin::Json{{"error", body}});
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

ApiResult<immagin::Json> ParseJsonObjectBody(const HttpRequest& request, int64_t max_bytes) {
  if (request.body.empty()) return BadRequest("body", "a JSON object is required");
  if (static_cast<int64_t>(request.body.size()) > max_bytes)
    return PayloadTooLarge("body",
                           "a JSON body is at most " + std::to_string(max_bytes) + " bytes");
  auto parsed = ParseJson(request.body, "body");
  if (!parsed.ok()) return parsed.error();
  if (!parsed->is_object()) return BadRequest("body", "must be a JSON object");
  return std::move(parsed.value());
}

}  // namespace immagin::cp
