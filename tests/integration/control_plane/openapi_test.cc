// The OpenAPI document describes exactly the routes the server serves.
#include <fstream>
#include <set>
#include <sstream>

#include "control_plane_fixture.h"

#ifndef IMMAGIN_OPENAPI_PATH
#error "IMMAGIN_OPENAPI_PATH must name control-plane/openapi.json"
#endif

namespace immagin::cp::testing {
namespace {

class OpenApi : public ControlPlaneTest {};

Json LoadDocument() {
  std::ifstream in(IMMAGIN_OPENAPI_PATH);
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseJson(text.str(), "openapi", 64);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.ok() ? parsed.value() : Json();
}

TEST_F(OpenApi, DocumentsEveryServedRouteAndNoOther) {
  Json doc = LoadDocument();
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc["openapi"].get<std::string>().rfind("3.", 0), 0u);
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      upper += ' ';
      upper += path;
      documented.insert(upper);
      EXPECT_TRUE(operation.contains("responses")) << upper;
    }
  std::set<std::string> served;
  for (std::string route : server_->Routes()) {
    // `{key+}` (rest of the path) is written `{key}` in OpenAPI.
    for (auto plus = route.find("+}"); plus != std::string::npos; plus = route.find("+}"))
      route.erase(plus, 1);
    served.insert(route);
  }
  EXPECT_EQ(documented, served);
}

TEST_F(OpenApi, DocumentedErrorStatusesAreTheOnesRoutesAnswer) {
  // Spot check: the documented error responses of presign are real.
  Json doc = LoadDocument();
  auto responses = doc["paths"]["/v1/images/presign"]["post"]["responses"];
  for (const char* status : {"200", "400", "401", "402", "413"})
    EXPECT_TRUE(responses.contains(status)) << status;
  auto alice = CreateProject("alice");
  EXPECT_EQ(Post("/v1/images/presign", R"({"key":"a.jpg"})", alice).status, 200);
  EXPECT_EQ(Post("/v1/images/presign", R"({"key":""})", alice).status, 400);
  EXPECT_EQ(Send("POST", Url("/v1/images/presign"), R"({"key":"a.jpg"})").status, 401);
}

}  // namespace
}  // namespace immagin::cp::testing
