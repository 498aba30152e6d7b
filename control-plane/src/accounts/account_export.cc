#include "accounts/account_export.h"

#include "calendar.h"

namespace immagin::cp {
namespace {

constexpr int kListPage = 1000;

Result<Json> ProjectJson(Services& services, const Project& project) {
  Json keys = Json::array();
  auto key_list = services.keys.List(project.id);
  if (!key_list.ok()) return key_list.error();
  for (const auto& key : key_list.value()) {
    Json json{{"id", key.id},
              {"name", key.name},
              {"prefix", key.prefix},
              {"createdAt", FormatIso8601(key.created_at)}};
    json["lastUsedAt"] = key.last_used_at ? Json(FormatIso8601(*key.last_used_at)) : Json(nullptr);
    keys.push_back(json);
  }
  Json images = Json::array();
  std::string after;
  for (;;) {
    auto page = services.storage.List(project.storage_namespace, "", after, kListPage);
    if (!page.ok()) return page.error();
    for (const auto& object : page->objects)
      images.push_back(Json{{"key", object.key},
                            {"size", object.size},
                            {"lastModified", FormatIso8601Millis(object.last_modified_ms)}});
    const auto& next = page->next_after;
    if (!next) break;
    after = *next;
  }
  Json usage = Json::array();
  auto months = services.usage.MonthlyTransforms(project.id);
  if (!months.ok()) return months.error();
  for (const auto& month : months.value())
    usage.push_back(Json{{"month", month.day}, {"uniqueTransforms", month.transforms}});
  return Json{{"tenantId", project.tenant_id},
              {"name", project.name},
              {"createdAt", FormatIso8601(project.created_at)},
              {"apiKeys", keys},
              {"images", images},
              {"usage", usage}};
}

}  // namespace

Json AccountJson(const Account& account) {
  return Json{{"id", account.id},
              {"email", account.email},
              {"emailVerified", account.verified},
              {"plan", account.plan},
              {"state", account.state},
              {"createdAt", FormatIso8601(account.created_at)}};
}

Result<Json> ExportAccount(Services& services, const Account& account) {
  auto ids = services.accounts.ProjectIds(account.id);
  if (!ids.ok()) return ids.error();
  Json projects = Json::array();
  for (int64_t id : ids.value()) {
    auto project = services.projects.FindById(id);
    if (!project.ok()) return project.error();
    auto json = ProjectJson(services, project.value());
    if (!json.ok()) return json.error();
    projects.push_back(std::move(json.value()));
  }
  return Json{{"exportedAt", FormatIso8601(NowSeconds())},
              {"format", "immagin-account-export-v1"},
              {"account", AccountJson(account)},
              {"projects", projects}};
}

}  // namespace immagin::cp
