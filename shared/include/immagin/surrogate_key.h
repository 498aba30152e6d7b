#pragma once

#include <string>
#include <string_view>

namespace immagin {

// Cache tags that let the control plane purge what a CDN holds (SPEC §5 "Invalidation").
// Every transformed response carries both: `xkey` for Varnish's xkey vmod (space-separated),
// `Cache-Tag` for Cloudflare (comma-separated). Keys may hold any UTF-8 but header values
// and tags may not, so an original is named by a hash; a tenant id is already header-safe.

// "o" + BLAKE2b-128 hex of the tenant and the image key: the tag of one original's transforms.
std::string OriginalSurrogateKey(std::string_view tenant, std::string_view key);

// "t-" + tenant: the tag of every transform of a project (deletion, suspension).
std::string TenantSurrogateKey(std::string_view tenant);

}  // namespace immagin
