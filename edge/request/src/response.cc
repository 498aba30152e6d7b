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
                      {"X-Content-Type-Options", "nosniff"},
                      {"Access-Control-Allow-Origin", "*"}};
  if (error.code == immagin::ErrorCode::kMethodNotAllowed) {
    response.headers.emplace_back("Allow", "GET, HEAD");
  }
  if (request.method != "HEAD") response.body = std::move(body);
  return response;
}

Response MissingOverlay(const Plan& plan, const Request& request, std::string_view key) {
  const auto& edits = plan.payload.edits.edits;
  size_t index = 0;
  while (index < edits.size()) {
    const auto* layer = std::get_if<immagin::ImageEdit>(&edits[index]);
    if (layer != nullptr && layer->key == key) break;
    ++index;
  }
  // An edits array led by {"autoOrient": false} keeps it first.
  if (!plan.payload.edits.auto_orient) ++index;
  return ErrorResponse(
      immagin::Error{immagin::ErrorCode::kNotFound,
                     "edits[" + std::to_string(index) + "].image.key",
                     "no image with key \"" + std::string(key) + "\" in this project"},
      request);
}

Response MissingOriginal(const Plan& plan, const Request& request) {
  return ErrorResponse(
      immagin::Error{immagin::ErrorCode::kNotFound, "key",
                     "no image with key \"" + plan.payload.key + "\" in this project"},
      request);
}

}  // namespace luna
