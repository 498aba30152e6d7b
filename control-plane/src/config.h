// Every setting of the control plane, in one place: read from flags (which win) and from
// the environment, then validated before anything starts.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "immagin/status.h"
#include "immagin/usage_event.h"

namespace immagin::cp {

struct Limits {
  int64_t max_upload_bytes = 25LL * 1024 * 1024;  // one original
  int64_t max_json_body_bytes = 1024LL * 1024;    // API and usage-ingestion bodies
  int list_default_limit = 100;                   // images per page when `limit` is absent
  int list_max_limit = 1000;                      // largest `limit` accepted
  int max_usage_batch_events = static_cast<int>(kMaxUsageBatchEvents);  // per ingestion batch
  int max_api_keys_per_project = 100;
  int64_t free_transforms_per_month = 25'000;  // free plan quota (SPEC §6)
  int free_projects_per_account = 1;
};
// The edges seal usage batches of up to kMaxUsageBatchBytes: the default body limit takes one.
static_assert(Limits{}.max_json_body_bytes >= static_cast<int64_t>(kMaxUsageBatchBytes));

// Accounts and the console's sessions (limits that protect them live here too).
struct AccountLimits {
  size_t max_email_bytes = 254;  // RFC 5321's path limit
  size_t min_password_chars = 10;
  size_t max_password_bytes = 1024;  // Argon2 takes any length; this bounds the work
  int64_t session_ttl_seconds = 7LL * 24 * 3600;
  int64_t verification_ttl_seconds = 48LL * 3600;
  // Failed logins allowed per window before 429 (per email address and per client IP).
  int login_failures_per_email = 5;
  int login_failures_per_ip = 30;
  int64_t login_window_seconds = 900;
  // Sign-ups and verification resends per client IP and per email address in fixed
  // windows, counted in the database (every replica shares them) before any hashing.
  int signups_per_ip = 10;
  int signups_per_email = 3;
  int verification_resends_per_ip = 10;
  int verification_resends_per_email = 3;
  int64_t signup_window_seconds = 3600;
  // Password reset links: their lifetime, and how many may be asked for per client IP and
  // per address in a sign-up window (each is a mail to an address the caller may not own).
  int64_t password_reset_ttl_seconds = 3600;
  int password_resets_per_ip = 10;
  int password_resets_per_email = 3;
  // Email changes asked for per account in a sign-up window (each mails a new address);
  // their links live as long as verification links (verification_ttl_seconds).
  int email_changes_per_account = 5;
  // Argon2id cost (crypto_pwhash_str). The defaults are libsodium's "interactive" ones;
  // tests lower them so that a login takes microseconds.
  uint64_t pwhash_opslimit = 2;
  size_t pwhash_memlimit_bytes = 64UL * 1024 * 1024;
};

// Outgoing email (verification links). Without an SMTP URL messages are written to the
// log instead, which is what development wants.
struct MailConfig {
  std::string smtp_url;  // smtp://host:587 (STARTTLS when offered) or smtps://host:465
  std::string smtp_username;
  std::string smtp_password;
  std::string from = "Immagin <no-reply@localhost>";
  int max_attempts = 8;
};

// Telling CDNs to drop cached transforms (SPEC §5 "Invalidation"): Varnish's xkey purge
// and Cloudflare's purge-by-tag API, each used when configured. Purges are rows of
// `purge_outbox` delivered by PurgeSender (purge_sender.h).
struct PurgeConfig {
  std::string varnish_url;  // e.g. http://127.0.0.1:8080; empty = no Varnish purges
  std::string cloudflare_zone_id;
  std::string cloudflare_api_token;
  std::string cloudflare_api_url = "https://api.cloudflare.com/client/v4";
  // Edges cache a tenant's configuration this long (luna --tenant-cache-seconds, 30), so a
  // tenant-wide purge is sent again once that has passed.
  int64_t repeat_seconds = 31;
  int64_t request_timeout_ms = 5000;
  int64_t retry_initial_ms = 250;  // then doubled per failed attempt, up to retry_max_ms
  int64_t retry_max_ms = 60'000;
  int64_t poll_ms = 1000;  // rows enqueued by another process (immagin-admin) are seen this fast

  bool varnish() const { return !varnish_url.empty(); }
  bool cloudflare() const { return !cloudflare_zone_id.empty() && !cloudflare_api_token.empty(); }
};

struct Config {
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 8081;  // 0 = any free port (tests)
  std::string data_dir = "./data";
  // store/database_url.h: empty = the data directory's SQLite file; postgres://… for
  // several replicas on one database.
  std::string database_url;
  int database_pool_size = 0;  // connections; 0 = one per thread that uses the database
  std::string public_api_url;  // base of presigned upload URLs; empty = http://host:port bound
  std::string cdn_domain;      // when set, delivery base is https://{tenant}.{cdn_domain}
  std::string delivery_base_url = "http://127.0.0.1:8080";  // path form: {base}/{tenant}
  std::string edge_token;                                   // empty = internal API refused
  std::string edge_token_file;  // read at start into edge_token (keeps it out of argv)
  // A second listener for /internal/* with its own threads; empty host = the internal
  // routes stay on the main listener.
  std::string internal_listen_host;
  uint16_t internal_listen_port = 0;
  int internal_threads = 1;
  int threads = 2;
  int presign_ttl_seconds = 300;  // SPEC §2: five minutes
  int64_t secret_grace_seconds = 7LL * 24 * 3600;
  int busy_timeout_ms = 5000;
  int shutdown_grace_ms = 2000;
  std::string storage = "local";  // local | s3
  std::string s3_endpoint;        // e.g. https://s3.eu-west-1.amazonaws.com
  std::string s3_bucket;
  std::string s3_region = "us-east-1";
  std::string s3_access_key;
  std::string s3_secret_key;
  Limits limits;
  AccountLimits accounts;
  MailConfig mail;
  PurgeConfig purge;

  std::string DatabasePath() const { return data_dir + "/control-plane.sqlite3"; }
  std::string DatabaseUrl() const {
    return database_url.empty() ? "sqlite:" + DatabasePath() : database_url;
  }
  // HTTP threads of both listeners, the three background senders/sweepers, one spare.
  int DatabasePoolSize() const {
    return database_pool_size > 0 ? database_pool_size : threads + internal_threads + 4;
  }
  std::string ObjectsDir() const { return data_dir + "/objects"; }
  std::string TempDir() const { return data_dir + "/tmp"; }
  // Session cookies carry `Secure` when clients reach the server over https.
  bool PublicUrlIsHttps() const { return public_api_url.rfind("https://", 0) == 0; }
  // The delivery base URL the SDK signs against, for one tenant.
  std::string DeliveryBaseUrl(const std::string& tenant) const;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// `args` excludes the program name. Flags are `--name=value` or `--name value`.
Result<Config> LoadConfig(const std::vector<std::string>& args, const EnvLookup& env);
Status ValidateConfig(const Config& config);
std::string ConfigUsage();

}  // namespace immagin::cp
