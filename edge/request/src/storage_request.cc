#include "luna/storage_request.h"

#include "immagin/percent_encoding.h"

namespace luna {
namespace {

FetchRequest ControlPlane(const StorageConfig& storage, const std::string& path) {
  return {storage.control_plane_url + path, {{"Authorization", "Bearer " + storage.edge_token}}};
}

}  // namespace

FetchRequest TenantRequest(const StorageConfig& storage, std::string_view tenant) {
  return ControlPlane(storage, "/internal/v1/tenants/" + immagin::PercentEncode(tenant));
}

FetchRequest OriginalRequest(const StorageConfig& storage, std::string_view tenant,
                             std::string_view storage_namespace, std::string_view key,
                             int64_t now) {
  if (storage.s3_endpoint.empty()) {
    return ControlPlane(storage, "/internal/v1/originals/" + immagin::PercentEncode(tenant) + "/" +
                                     immagin::PercentEncode(key, /*keep_slash=*/true));
  }
  const std::string path =
      "/" + immagin::PercentEncode(storage.s3_bucket) + "/" +
      immagin::PercentEncode(
          storage.s3_prefix + std::string(storage_namespace) + "/" + std::string(key),
          /*keep_slash=*/true);
  FetchRequest request{storage.s3_endpoint + path, {}};
  for (const std::string& line : immagin::SignS3Request("GET", storage.s3_endpoint, path, {}, "",
                                                        storage.s3_credentials, now)) {
    const size_t colon = line.find(':');
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    request.headers.emplace_back(line.substr(0, colon), std::move(value));
  }
  return request;
}

}  // namespace luna
