// Images API (SPEC §2): presign an upload, the presigned PUT itself, list, delete.
#include <charconv>

#include "auth/auth.h"
#include "calendar.h"
#include "immagin/base64url.h"
#include "immagin/image_key.h"
#include "purge/purge_outbox.h"
#include "purge/replacement_watch.h"
#include "services.h"

namespace immagin::cp {
namespace {

// Queues the purge of an original's cached transforms before the change that makes them
// stale, so a crash in between cannot lose it (a purge sent early is harmless). Only for
// keys that exist: purges are not free, and a tenant should not be able to spend them on
// keys it never had. Returns the object as it is now, or nullopt when there is none.
Result<std::optional<StoredObject>> QueuePurgeIfExists(Services& services, const Project& project,
                                                       const std::string& key,
                                                       std::optional<int64_t> repeat_at_ms = {}) {
  auto existing = services.storage.Stat(project.storage_namespace, key);
  if (!existing.ok()) {
    if (HttpStatus(existing.error().code) == 404) return std::optional<StoredObject>();
    return existing.error();
  }
  auto status = services.db.Run([&](Connection& db) {
    return EnqueueOriginalPurge(db, project.tenant_id, key, NowMillis(), repeat_at_ms);
  });
  if (!status.ok()) return status.error();
  return std::optional<StoredObject>(std::move(existing.value()));
}

constexpr std::string_view kCursorVersion = "k1:";

Result<int64_t> ParseInteger(const std::optional<std::string>& text, const std::string& field,
                             int64_t min, int64_t max) {
  if (!text) return InvalidArgument(field, "is required");
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max)
    return InvalidArgument(
        field, "must be an integer between " + std::to_string(min) + " and " + std::to_string(max));
  return value;
}

Result<HttpResponse> Presign(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateCaller(request, services);
  if (!caller.ok()) return caller.error();
  auto body = ParseJsonObjectBody(request, services.config.limits.max_json_body_bytes);
  if (!body.ok()) return body.error();
  const Json& json = body.value();
  for (const auto& [name, value] : json.items())
    if (name != "key" && name != "size") return InvalidArgument(name, "unknown field");
  auto key_it = json.find("key");
  if (key_it == json.end() || !key_it->is_string())
    return InvalidArgument("key", "must be a string");
  std::string key = key_it->get<std::string>();
  if (auto status = ValidateImageKey(key, "key"); !status.ok()) return status.error();
  int64_t max_bytes = services.config.limits.max_upload_bytes;
  std::optional<int64_t> exact_size;
  if (auto size_it = json.find("size"); size_it != json.end()) {
    if (!size_it->is_number_integer() || size_it->get<int64_t>() < 0)
      return InvalidArgument("size", "must be a non-negative integer (bytes)");
    int64_t size = size_it->get<int64_t>();
    if (size > max_bytes)
      return PayloadTooLarge("size",
                             "the largest upload is " + std::to_string(max_bytes) + " bytes");
    max_bytes = size;
    exact_size = size;
  }
  auto account = services.accounts.Find(caller->project.account_id);
  if (!account.ok()) return account.error();
  if (account->state == "unpaid")
    return PaymentRequired("uploads are suspended until the account's bill is paid");
  int64_t now = NowSeconds();
  const Project& project = caller->project;
  UploadGrant grant{project.storage_namespace, project.tenant_id, key, max_bytes,
                    now + services.config.presign_ttl_seconds};
  // S3-compatible stores take the bytes themselves when the size is known (it is signed as
  // Content-Length); otherwise, and on the local backend, the bytes come through /uploads,
  // which enforces `max_bytes` itself.
  std::optional<std::string> direct = services.storage.PresignedUploadUrl(
      project.storage_namespace, key, services.config.presign_ttl_seconds, exact_size);
  if (direct) {
    // The bytes go straight to the store, so the control plane never sees the replacement
    // happen: it purges now, when it first sees the new object (ReplacementWatch), and
    // again once the URL can no longer start an upload (plus the purge repeat, for the
    // transfer itself).
    int64_t now_ms = NowMillis();
    int64_t repeat_at_ms =
        now_ms +
        (services.config.presign_ttl_seconds + services.config.purge.repeat_seconds) * 1000;
    auto queued = QueuePurgeIfExists(services, project, key, repeat_at_ms);
    if (!queued.ok()) return queued.error();
    if (const auto& existing = queued.value()) {
      services.purge_sender.Notify();
      if (auto status =
              ReplacementWatch(services.db)
                  .Watch(project.storage_namespace, key, existing->etag, repeat_at_ms, now_ms);
          !status.ok())
        return status.error();
    }
  }
  std::string url =
      direct.value_or(services.presigner.UploadUrl(services.config.public_api_url, grant));
  return HttpResponse::Json(200, Json{{"uploadUrl", url},
                                      {"key", key},
                                      {"expiresAt", FormatIso8601(grant.expires_at)},
                                      {"maxSize", max_bytes}});
}

Result<HttpResponse> Upload(const HttpRequest& request, Services& services) {
  const std::string& key = request.Param("key");
  if (auto status = ValidateImageKey(key, "key"); !status.ok()) return status.error();
  auto max_bytes = ParseInteger(request.Query("max"), "max", 0, INT64_MAX);
  if (!max_bytes.ok()) return max_bytes.error();
  auto expires_at = ParseInteger(request.Query("exp"), "exp", 0, INT64_MAX);
  if (!expires_at.ok()) return expires_at.error();
  auto signature = request.Query("sig");
  if (!signature) return Forbidden("missing upload signature");
  auto project = services.projects.FindByTenant(request.Param("tenant"));
  // An unknown tenant looks like any other bad signature.
  if (!project.ok()) return Forbidden("invalid upload signature");
  UploadGrant presented{project->storage_namespace, project->tenant_id, key, max_bytes.value(),
                        expires_at.value()};
  if (auto status = services.presigner.Verify("PUT", presented, *signature, NowSeconds());
      !status.ok())
    return status.error();
  if (static_cast<int64_t>(request.body.size()) > presented.max_bytes)
    return PayloadTooLarge("body", "this upload URL accepts at most " +
                                       std::to_string(presented.max_bytes) + " bytes");
  auto replacing = QueuePurgeIfExists(services, project.value(), key);
  if (!replacing.ok()) return replacing.error();
  auto stored = services.storage.Put(project->storage_namespace, key, request.body);
  if (replacing.value().has_value()) services.purge_sender.Notify();
  if (!stored.ok()) return stored.error();
  // A deletion of the project that committed while the bytes were written may already have
  // emptied its namespace: take the object back out, or it would outlive its project. (One
  // that commits after this check removes the object with the rest.)
  auto still = services.projects.FindById(project->id);
  if (!still.ok() && HttpStatus(still.error().code) != 404) return still.error();
  if (!still.ok()) {
    (void)services.storage.Delete(project->storage_namespace, key);
    return Forbidden("invalid upload signature");
  }
  HttpResponse response =
      HttpResponse::Json(201, Json{{"key", key}, {"size", stored->size}, {"etag", stored->etag}});
  response.headers.emplace_back("ETag", stored->etag);
  return response;
}

Result<HttpResponse> List(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateCaller(request, services);
  if (!caller.ok()) return caller.error();
  const Limits& limits = services.config.limits;
  int64_t limit = limits.list_default_limit;
  if (auto text = request.Query("limit")) {
    auto parsed = ParseInteger(text, "limit", 1, limits.list_max_limit);
    if (!parsed.ok()) return parsed.error();
    limit = parsed.value();
  }
  // A prefix and a cursor name places in the project's key space: both are held to the
  // key rules, so neither can climb out of it ("../", "//", "a/../../").
  std::string prefix = request.Query("prefix").value_or("");
  if (auto status = ValidateImageKeyPrefix(prefix, "prefix"); !status.ok()) return status.error();
  std::string after;
  if (auto cursor = request.Query("cursor"); cursor && !cursor->empty()) {
    auto decoded = Base64UrlDecode(*cursor, "cursor");
    if (!decoded.ok() || decoded->compare(0, kCursorVersion.size(), kCursorVersion) != 0 ||
        !ValidateImageKey(decoded->substr(kCursorVersion.size()), "cursor").ok())
      return InvalidArgument("cursor", "is not a cursor this API returned");
    after = decoded->substr(kCursorVersion.size());
  }
  auto page = services.storage.List(caller->project.storage_namespace, prefix, after,
                                    static_cast<int>(limit));
  if (!page.ok()) return page.error();
  Json images = Json::array();
  for (const auto& object : page->objects)
    images.push_back(Json{{"key", object.key},
                          {"size", object.size},
                          {"lastModified", FormatIso8601Millis(object.last_modified_ms)}});
  Json body{{"images", images}};
  if (const auto& last = page->next_after; last.has_value())
    body["nextCursor"] = Base64UrlEncode(std::string(kCursorVersion) + *last);
  return HttpResponse::Json(200, body);
}

Result<HttpResponse> Delete(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateCaller(request, services);
  if (!caller.ok()) return caller.error();
  const std::string& key = request.Param("key");
  if (auto status = ValidateImageKey(key, "key"); !status.ok()) return status.error();
  auto existed = QueuePurgeIfExists(services, caller->project, key);
  if (!existed.ok()) return existed.error();
  if (!existed.value().has_value()) return NotFound("key", "no image '" + key + "'");
  auto deleted = services.storage.Delete(caller->project.storage_namespace, key);
  services.purge_sender.Notify();
  if (!deleted.ok()) return deleted.error();
  return HttpResponse::Empty(204);
}

}  // namespace

void AddImageRoutes(Router& router, Services& services) {
  router.Add("POST", "/v1/images/presign", services, Presign);
  router.Add("GET", "/v1/images", services, List);
  router.Add("DELETE", "/v1/images/{key+}", services, Delete);
  router.Add("PUT", "/uploads/{tenant}/{key+}", services, Upload);
}

}  // namespace immagin::cp
