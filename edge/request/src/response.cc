#include "immagin/json.h"
#include "luna/delivery.h"

namespace luna {

const std::string* Response::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return &value;
    }
  }
  return nullptr;
}

Response ErrorResponse(const immagin::Error& error, const Request& request) {
  immagin::Json detail = {{"code", immagin::ErrorCodeName(error.code)}, {"message", error.message}};
  if (!error.field.empty()) detail["field"] = error.field;
  std::string body = immagin::DumpJson(immagin::Json{{"error", detail}});
  Response response;
  response.status = immagin::HttpStatus(error.code);
  // The message may quote the URL (a query parameter's name): never let a browser sniff it.
  response.headers = {{"Content-Type", "application/json"},
                      {"Cache-Control", "no-store"},
                      {"Content-Length", std::to_string(body.size())},
                      {"X-Content-Type-Options", "nosniff"}};
  if (error.code == immagin::ErrorCode::kMethodNotAllowed) {
    response.headers.emplace_back("Allow", "GET, HEAD");
  }
  if (request.method != "HEAD") response.body = std::move(body);
  return response;
}

Response MissingOriginal(const Plan& plan, const Request& request) {
  return ErrorResponse(
      immagin::Error{immagin::ErrorCode::kNotFound, "key",
                     "no image with key \"" + plan.payload.key + "\" in this project"},
      request);
}

}  // namespace luna
