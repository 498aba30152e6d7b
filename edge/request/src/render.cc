// The original's bytes → the response: 304 when the client has this version, metadata
// JSON, or the transformed image with immutable cache headers and a usage event.
#include <sodium.h>

#include <array>
#include <chrono>

#include "immagin/edit.h"
#include "immagin/surrogate_key.h"
#include "luna/delivery.h"
#include "luna/engine.h"

namespace luna {
namespace {

using immagin::OutputFormat;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

// Strong: the same transform of the same original version in the same format is the same
// bytes. Replacing the original changes its version, so the ETag.
// Each overlay's version joins it the same way.
std::string ETag(const Plan& plan, OutputFormat format, std::string_view original_version,
                 std::span<const FetchedOverlay> overlays) {
  std::string seed = plan.transform_id;
  seed += '\n';
  seed += immagin::NameOf(immagin::kOutputFormatNames, format);
  seed += '\n';
  seed.append(original_version);
  for (const FetchedOverlay& overlay : overlays) {
    seed += '\n';
    seed += overlay.key;
    seed += '\n';
    seed += overlay.version;
  }
  std::array<unsigned char, 16> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(seed.data()),
                     seed.size(), nullptr, 0);
  std::array<char, 33> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return "\"" + std::string(hex.data(), 32) + "\"";
}

bool Matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match.find('*') != std::string_view::npos) return true;
  size_t start = 0;
  while (start < if_none_match.size()) {
    size_t end = if_none_match.find(',', start);
    if (end == std::string_view::npos) end = if_none_match.size();
    std::string_view candidate = if_none_match.substr(start, end - start);
    while (!candidate.empty() && candidate.front() == ' ') candidate.remove_prefix(1);
    while (!candidate.empty() && candidate.back() == ' ') candidate.remove_suffix(1);
    if (candidate.starts_with("W/")) candidate.remove_prefix(2);
    if (candidate == etag) return true;
    start = end + 1;
  }
  return false;
}

// With `exp`, no cache may keep the answer past it (SPEC §5). `now` is when the answer
// leaves, not when the request came in: a long render must not stretch the lifetime.
std::string CacheControl(const Plan& plan, int64_t now) {
  if (!plan.payload.exp) return std::string(kImmutable);
  const int64_t remaining = *plan.payload.exp - now;
  return remaining > 0 ? "public, max-age=" + std::to_string(remaining) : "no-store";
}

int64_t SecondsSince(int64_t arrived, std::chrono::steady_clock::time_point started) {
  const auto elapsed = std::chrono::steady_clock::now() - started;
  return arrived + std::chrono::ceil<std::chrono::seconds>(elapsed).count();
}

// Headers every answer about this original carries: validators, lifetime, and the
// surrogate keys by which the control plane purges it on delete, replace or suspension
// of the original, of any overlay it shows, or of the project.
void AddCacheHeaders(Response& response, const Plan& plan, const std::string& etag, int64_t now) {
  std::string xkey = immagin::OriginalSurrogateKey(plan.tenant, plan.payload.key);
  std::string cache_tag = xkey;
  for (const std::string& overlay : plan.overlay_keys) {
    const std::string tag = immagin::OriginalSurrogateKey(plan.tenant, overlay);
    xkey += " " + tag;
    cache_tag += "," + tag;
  }
  const std::string tenant = immagin::TenantSurrogateKey(plan.tenant);
  response.headers.emplace_back("Cache-Control", CacheControl(plan, now));
  response.headers.emplace_back("ETag", etag);
  // Delivery URLs are public: a page may read them with fetch() (placeholders, metadata).
  response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  response.headers.emplace_back("xkey", xkey + " " + tenant);
  response.headers.emplace_back("Cache-Tag", cache_tag + "," + tenant);
  if (plan.vary_accept) response.headers.emplace_back("Vary", "Accept");
}

Response Success(const Request& request, const Plan& plan, std::string body,
                 std::string content_type, const std::string& etag, int64_t now) {
  Response response;
  response.headers = {{"Content-Type", std::move(content_type)},
                      {"Content-Length", std::to_string(body.size())},
                      {"X-Content-Type-Options", "nosniff"}};
  AddCacheHeaders(response, plan, etag, now);
  if (request.method != "HEAD") response.body = std::move(body);
  return response;
}

}  // namespace

Rendered200 Render(const Request& request, const Plan& plan, std::span<const uint8_t> original,
                   std::string_view original_version, const EngineConfig& config,
                   std::span<const FetchedOverlay> overlays) {
  const auto started = std::chrono::steady_clock::now();
  immagin::OutputOptions output = plan.output;
  if (output.format == OutputFormat::kAuto) {
    // Neither AVIF nor WebP accepted: PNG keeps transparency, JPEG for everything else.
    auto header = ReadMetadata(original, config);
    if (!header) return {ErrorResponse(header.error(), request), std::nullopt};
    output.format = header->has_alpha ? OutputFormat::kPng : OutputFormat::kJpeg;
  }
  const std::string etag = ETag(plan, plan.payload.metadata ? OutputFormat::kAuto : output.format,
                                original_version, overlays);
  if (Matches(request.if_none_match, etag)) {
    Response not_modified;
    not_modified.status = 304;
    AddCacheHeaders(not_modified, plan, etag, SecondsSince(request.now, started));
    return {std::move(not_modified), std::nullopt};
  }

  if (plan.payload.metadata) {
    auto metadata = ReadMetadata(original, config);
    if (!metadata) return {ErrorResponse(metadata.error(), request), std::nullopt};
    Plan metadata_plan = plan;
    metadata_plan.vary_accept = false;
    return {Success(request, metadata_plan, ToJson(*metadata), "application/json", etag,
                    SecondsSince(request.now, started)),
            std::nullopt};
  }

  Overlays images;
  for (const FetchedOverlay& overlay : overlays) images.emplace_back(overlay.key, overlay.bytes);
  auto rendered = Transform(original, plan.payload.edits, output, config, images);
  if (!rendered) return {ErrorResponse(rendered.error(), request), std::nullopt};
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  UsageEvent usage{plan.tenant, plan.transform_id, static_cast<int64_t>(rendered->bytes.size()),
                   static_cast<int64_t>(ms), request.now};
  return {Success(request, plan, std::move(rendered->bytes), rendered->content_type, etag,
                  SecondsSince(request.now, started)),
          usage};
}

}  // namespace luna
