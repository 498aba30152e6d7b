#include "control_plane_fixture.h"

namespace immagin::cp::testing {
namespace {

class Ops : public ControlPlaneTest {};

TEST_F(Ops, HealthAndReadiness) {
  auto health = Send("GET", Url("/healthz"));
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["status"], "ok");
  auto ready = Send("GET", Url("/readyz"));
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json()["database"], true);
  EXPECT_EQ(ready.json()["storage"], true);
  // Storage that cannot be written is not ready.
  std::filesystem::remove_all(dir_ / "tmp");
  auto not_ready = Send("GET", Url("/readyz"));
  EXPECT_EQ(not_ready.status, 503);
  EXPECT_EQ(not_ready.json()["storage"], false);
}

TEST_F(Ops, MetricsCountRequestsByRouteAndStatus) {
  auto alice = CreateProject("alice");
  Get("/v1/images", alice);
  Get("/v1/images", alice);
  Send("GET", Url("/v1/images"));
  EdgePost(
      "/internal/v1/usage",
      R"({"events":[{"tenant":"alice","transformId":"0123456789abcdef0123456789abcdef","bytes":1,"ms":1,"time":1790000000}]})");
  auto metrics = Send("GET", Url("/metrics"));
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.headers["content-type"].rfind("text/plain", 0), 0u);
  const std::string& text = metrics.body;
  EXPECT_NE(text.find("immagin_http_requests_total{route=\"GET /v1/images\",status=\"200\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("immagin_http_requests_total{route=\"GET /v1/images\",status=\"401\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("immagin_http_request_duration_seconds_count{route=\"GET /v1/images\"} 3"),
            std::string::npos);
  EXPECT_NE(text.find("immagin_usage_events_received_total 1"), std::string::npos);
  EXPECT_NE(text.find("immagin_usage_transforms_counted_total 1"), std::string::npos);
}

TEST_F(Ops, UnknownRoutesAnd405AreJsonErrors) {
  auto missing = Send("GET", Url("/v2/nothing"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.error_code(), "not_found");
  auto wrong_method = Send("PATCH", Url("/v1/images"));
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.error_code(), "method_not_allowed");
  auto bad_escape = Send("DELETE", Url("/v1/images/%zz"));
  EXPECT_EQ(bad_escape.status, 400);
}

}  // namespace
}  // namespace immagin::cp::testing
