// The console's pages: /console/ (one page, routed by its URL fragment), its script and
// style sheet. A strict Content-Security-Policy: scripts and styles only from here, images
// also from the delivery origin (thumbnails and previews are signed delivery URLs), which
// the page may also read (the editor's ThumbHash placeholder is JSON from it).
#include "auth/csrf.h"
#include "routes/console_assets.h"
#include "services.h"

namespace immagin::cp {
namespace {

std::string ContentSecurityPolicy(const Config& config) {
  std::string delivery = config.cdn_domain.empty() ? OriginOf(config.delivery_base_url)
                                                   : "https://*." + config.cdn_domain;
  // Uploads go to the presigned URL: this server, or the S3-compatible store itself.
  std::string uploads = config.storage == "s3" ? " " + OriginOf(config.s3_endpoint) : "";
  return "default-src 'self'; img-src 'self' data: blob: " + delivery + "; connect-src 'self' " +
         delivery + uploads +
         "; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
         "form-action 'self'";
}

Result<HttpResponse> Serve(const Services& services, std::string_view name) {
  auto asset = FindConsoleAsset(name);
  if (!asset) return NotFound("asset", "no console file '" + std::string(name) + "'");
  HttpResponse response{200, std::string(asset->content_type), std::string(asset->bytes), {}};
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("Content-Security-Policy", ContentSecurityPolicy(services.config));
  return response;
}

HttpResponse RedirectToConsole() {
  HttpResponse response = HttpResponse::Empty(302);
  response.headers.emplace_back("Location", "/console/");
  return response;
}

}  // namespace

void AddConsoleRoutes(Router& router, Services& services) {
  router.Add("GET", "/",
             [](const HttpRequest&) -> Result<HttpResponse> { return RedirectToConsole(); });
  router.Add("GET", "/console",
             [](const HttpRequest&) -> Result<HttpResponse> { return RedirectToConsole(); });
  router.Add("GET", "/console/", [&](const HttpRequest&) { return Serve(services, "index.html"); });
  router.Add("GET", "/console/{asset}",
             [&](const HttpRequest& request) { return Serve(services, request.Param("asset")); });
}

}  // namespace immagin::cp
