// What an edge host knows of its tenants' configs between requests. It lives beside Luna in
// every host (the module's linear memory in a Worker isolate, luna-server's process), so the
// rules are written once: how long an answer is fresh, unknown tenants remembered too, a
// refresh on a failed signature at most once a second, and stale configs served while the
// control plane is down or slow (up to a maximum staleness, then 503).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "luna/delivery.h"

#if !defined(__wasi__)
#include <mutex>
#endif

namespace luna {

struct TenantCachePolicy {
  int64_t fresh_ms = 30'000;  // LUNA_TENANT_CACHE_SECONDS: an answer is used without asking
  // LUNA_TENANT_MAX_STALE_SECONDS: past fresh, a config still serves while the control plane
  // fails (errors, timeouts); beyond, its tenant's requests are a 503.
  int64_t max_stale_ms = 3'600'000;
  int64_t retry_ms = 5'000;     // after a failed fetch, no new one for this long
  int64_t refresh_ms = 1'000;   // a refresh past a fresh answer, at most this often
  size_t max_entries = 10'000;  // LUNA_MAX_TENANT_CACHE: tenants, known or not
};

// What a host got when it fetched a tenant's config: the HTTP status (0: not reached, or no
// answer in time) and the body.
struct TenantAnswer {
  int status = 0;
  std::string body;
};

// A tenant as the cache resolves it: its config (kNotFound for an unknown tenant,
// kUnavailable when the control plane fails and nothing usable is cached) and the answer it
// came from, for a later step of the same request.
struct ResolvedTenant {
  immagin::Result<TenantConfig> config;
  TenantAnswer answer;
  bool stale = false;  // served past fresh because the control plane failed
};

class TenantCache {
 public:
  explicit TenantCache(TenantCachePolicy policy) : policy_(policy) {}

  // The cached resolution, or nullopt when the host must fetch the config first.
  std::optional<ResolvedTenant> Find(const std::string& tenant, int64_t now_ms);

  // A fetched answer, remembered; on a failure, a config still within the maximum
  // staleness instead (and no new fetch for retry_ms).
  ResolvedTenant Record(const std::string& tenant, const TenantAnswer& answer, int64_t now_ms);

  // A signature failed on a cached config: true (and the attempt noted) when asking the
  // control plane again is allowed now. Forged URLs cannot turn into a flood of fetches.
  bool TryRefresh(const std::string& tenant, int64_t now_ms);

  // What one answer says, without remembering it (a later step of the same request).
  static ResolvedTenant Interpret(const std::string& tenant, const TenantAnswer& answer);

 private:
 private:
  struct Entry {
    std::optional<TenantAnswer> known;   // the last 200 or 404 (nullopt: none yet)
    std::optional<TenantConfig> config;  // parsed from a 200
    int64_t fetched_ms = 0;              // when `known` arrived
    int64_t attempted_ms = 0;            // the last fetch asked for, answered or not
    // Until then no new fetch: after a failure (`failing`), or while one is in flight (the
    // requests meanwhile use the config they have instead of all asking at once).
    int64_t quiet_until_ms = 0;
    bool failing = false;
    std::string failure;  // why the last fetch failed
  };

  ResolvedTenant FromEntry(const std::string& tenant, const Entry& entry, bool stale) const;
  bool Usable(const Entry& entry, int64_t now_ms) const;
  Entry& Slot(const std::string& tenant, int64_t now_ms);

  TenantCachePolicy policy_;
  std::map<std::string, Entry> entries_;
#if defined(__wasi__)
  struct NoMutex {};
  NoMutex mutex_;  // the module has one thread (and its libc++ no <mutex>)
#else
  std::mutex mutex_;  // luna-server's request threads share one cache
#endif
};

}  // namespace luna
