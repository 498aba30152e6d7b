#include "storage/upload_precheck.h"

#include <charconv>
#include <map>

#include "calendar.h"
#include "immagin/image_key.h"
#include "immagin/percent_encoding.h"

namespace immagin::cp {
namespace {

// The query as the server sees it (see ToHttpRequest): the first of a repeated name wins,
// '+' is a space, escapes are decoded (a bad escape stays as sent).
std::map<std::string, std::string> ParseQuery(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    size_t eq = pair.find('=');
    std::string name(pair.substr(0, eq));
    std::string value(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    for (char& c : value)
      if (c == '+') c = ' ';
    auto decoded = PercentDecode(value, name);
    out.emplace(std::move(name), decoded.ok() ? std::move(decoded.value()) : value);
  }
  return out;
}

std::optional<int64_t> Integer(const std::map<std::string, std::string>& query,
                               const std::string& name) {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  int64_t value = 0;
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Error> PrecheckUpload(std::string_view method, std::string_view target,
                                    const Router& router, Services& services) {
  if (method != "PUT" || target.rfind("/uploads/", 0) != 0) return std::nullopt;
  size_t question = target.find('?');
  std::string path(target.substr(0, question));
  auto match = router.Match("PUT", path);
  if (!match.ok() || match->route->pattern != "/uploads/{tenant}/{key+}") return std::nullopt;
  const std::string& key = match->params["key"];
  if (auto status = ValidateImageKey(key, "key"); !status.ok()) return status.error();
  auto query = ParseQuery(question == std::string_view::npos ? "" : target.substr(question + 1));
  auto max_bytes = Integer(query, "max");
  if (!max_bytes) return InvalidArgument("max", "must be a non-negative integer");
  auto expires_at = Integer(query, "exp");
  if (!expires_at) return InvalidArgument("exp", "must be a non-negative integer");
  auto signature = query.find("sig");
  if (signature == query.end()) return Forbidden("missing upload signature");
  auto project = services.projects.FindByTenant(match->params["tenant"]);
  if (!project.ok()) return Forbidden("invalid upload signature");
  UploadGrant presented{project->storage_namespace, project->tenant_id, key, *max_bytes,
                        *expires_at};
  if (auto status = services.presigner.Verify("PUT", presented, signature->second, NowSeconds());
      !status.ok())
    return status.error();
  return std::nullopt;
}

}  // namespace immagin::cp
