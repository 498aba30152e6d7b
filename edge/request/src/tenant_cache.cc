#include "luna/tenant_cache.h"

#include <algorithm>

namespace luna {
namespace {

#if defined(__wasi__)
struct Guard {
  template <class M>
  explicit Guard(M&) {}
};
#else
using Guard = std::lock_guard<std::mutex>;
#endif

immagin::Error Unknown(const std::string& tenant) {
  return immagin::Error{immagin::ErrorCode::kNotFound, "tenant",
                        "no project with tenant id \"" + tenant + "\""};
}

immagin::Error Unavailable(const std::string& why) {
  return immagin::Error{immagin::ErrorCode::kUnavailable, "", why};
}

// Why an answer is not a config: a failure of the control plane, not of the request.
std::string Failure(const TenantAnswer& answer) {
  return answer.status == 0 ? "the control plane could not be reached"
                            : "the control plane answered " + std::to_string(answer.status);
}

}  // namespace

ResolvedTenant TenantCache::Interpret(const std::string& tenant, const TenantAnswer& answer) {
  if (answer.status == 404) return {Unknown(tenant), answer};
  if (answer.status != 200) return {Unavailable(Failure(answer)), answer};
  auto config = ParseTenantConfig(answer.body);
  if (!config) {
    return {Unavailable("the control plane sent an invalid tenant config: " +
                        config.error().ToString()),
            answer};
  }
  return {std::move(*config), answer};
}

std::optional<ResolvedTenant> TenantCache::Find(const std::string& tenant, int64_t now_ms) {
  Guard guard(mutex_);
  const auto it = entries_.find(tenant);
  if (it == entries_.end()) return std::nullopt;
  Entry& entry = it->second;
  if (entry.known && now_ms - entry.fetched_ms < policy_.fresh_ms) {
    return FromEntry(tenant, entry, false);
  }
  if (now_ms < entry.quiet_until_ms) {
    if (Usable(entry, now_ms)) return FromEntry(tenant, entry, true);
    if (entry.failing) return ResolvedTenant{Unavailable(entry.failure + "; retry shortly"), {}};
  }
  // This request asks; the others meanwhile keep using what is cached.
  if (Usable(entry, now_ms)) entry.quiet_until_ms = now_ms + policy_.retry_ms;
  return std::nullopt;
}

ResolvedTenant TenantCache::Record(const std::string& tenant, const TenantAnswer& answer,
                                   int64_t now_ms) {
  ResolvedTenant resolved = Interpret(tenant, answer);
  Guard guard(mutex_);
  Entry& entry = Slot(tenant, now_ms);
  entry.attempted_ms = now_ms;
  if (resolved.config || resolved.config.error().code == immagin::ErrorCode::kNotFound) {
    entry.known = answer;
    entry.config = resolved.config ? std::optional<TenantConfig>(*resolved.config) : std::nullopt;
    entry.fetched_ms = now_ms;
    entry.quiet_until_ms = 0;
    entry.failing = false;
    return resolved;
  }
  entry.failing = true;
  entry.failure = resolved.config.error().message;
  entry.quiet_until_ms = now_ms + policy_.retry_ms;
  if (Usable(entry, now_ms)) return FromEntry(tenant, entry, true);
  return resolved;
}

bool TenantCache::TryRefresh(const std::string& tenant, int64_t now_ms) {
  Guard guard(mutex_);
  Entry& entry = Slot(tenant, now_ms);
  if (now_ms - entry.attempted_ms < policy_.refresh_ms) return false;
  entry.attempted_ms = now_ms;
  return true;
}

ResolvedTenant TenantCache::FromEntry(const std::string& tenant, const Entry& entry,
                                      bool stale) const {
  if (!entry.config) return {Unknown(tenant), *entry.known, stale};
  return {*entry.config, *entry.known, stale};
}

bool TenantCache::Usable(const Entry& entry, int64_t now_ms) const {
  return entry.known && now_ms - entry.fetched_ms < policy_.fresh_ms + policy_.max_stale_ms;
}

TenantCache::Entry& TenantCache::Slot(const std::string& tenant, int64_t now_ms) {
  if (const auto it = entries_.find(tenant); it != entries_.end()) return it->second;
  if (entries_.size() >= policy_.max_entries) {
    // Random tenant ids must not grow the cache without end: what can no longer serve goes
    // first, then the entry asked for longest ago.
    std::erase_if(entries_, [&](const auto& item) {
      return !Usable(item.second, now_ms) && now_ms >= item.second.quiet_until_ms;
    });
    if (entries_.size() >= policy_.max_entries) {
      entries_.erase(
          std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
            return a.second.attempted_ms < b.second.attempted_ms;
          }));
    }
  }
  return entries_[tenant];
}

}  // namespace luna
