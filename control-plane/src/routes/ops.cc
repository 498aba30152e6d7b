// Liveness, readiness and Prometheus metrics.
#include "services.h"

namespace immagin::cp {

void AddOpsRoutes(Router& router, Services& services) {
  router.Add("GET", "/healthz", [](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse::Json(200, Json{{"status", "ok"}});
  });
  router.Add("GET", "/readyz", [&](const HttpRequest&) -> Result<HttpResponse> {
    bool database = services.db.Ping();
    bool storage = services.storage.Check().ok();
    int status = database && storage ? 200 : 503;
    return HttpResponse::Json(status, Json{{"status", status == 200 ? "ready" : "not_ready"},
                                           {"database", database},
                                           {"storage", storage}});
  });
  router.Add("GET", "/metrics", [&](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{200, "text/plain; version=0.0.4", services.metrics.Render(), {}};
  });
}

}  // namespace immagin::cp
