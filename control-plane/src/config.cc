#include "config.h"

#include "store/database_url.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>

namespace immagin::cp {
namespace {

struct Setting {
  const char* flag;
  const char* env;
  const char* help;
  std::function<Status(Config&, const std::string&)> apply;
};

template <typename Int>
Status ParseInt(const std::string& text, const char* flag, Int min, Int max, Int& out) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < static_cast<int64_t>(min) ||
      value > static_cast<int64_t>(max))
    return InvalidArgument(flag, "must be an integer between " + std::to_string(min) + " and " +
                                     std::to_string(max) + ", got '" + text + "'");
  out = static_cast<Int>(value);
  return {};
}

// A setting that is taken as written (checked later by ValidateConfig).
auto SetText(std::string Config::* field) {
  return [field](Config& config, const std::string& value) -> Status {
    config.*field = value;
    return {};
  };
}

auto SetMail(std::string MailConfig::* field) {
  return [field](Config& config, const std::string& value) -> Status {
    config.mail.*field = value;
    return {};
  };
}

auto SetPurge(std::string PurgeConfig::* field) {
  return [field](Config& config, const std::string& value) -> Status {
    config.purge.*field = value;
    return {};
  };
}

Status ParseListen(Config& config, const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return InvalidArgument("listen", "must be HOST:PORT, got '" + text + "'");
  config.listen_host = text.substr(0, colon);
  return ParseInt<uint16_t>(text.substr(colon + 1), "listen", 0, 65535, config.listen_port);
}

Status ParseInternalListen(Config& config, const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return InvalidArgument("internal-listen", "must be HOST:PORT, got '" + text + "'");
  config.internal_listen_host = text.substr(0, colon);
  return ParseInt<uint16_t>(text.substr(colon + 1), "internal-listen", 0, 65535,
                            config.internal_listen_port);
}

// The token from --edge-token-file: one line (a trailing newline is not part of it).
Status ReadEdgeTokenFile(Config& config) {
  if (config.edge_token_file.empty()) return {};
  if (!config.edge_token.empty())
    return InvalidArgument("edge-token-file", "set either edge-token or edge-token-file, not both");
  std::error_code ec;
  // (A directory opens as a stream and then throws on read: ruled out first.)
  if (!std::filesystem::is_regular_file(config.edge_token_file, ec))
    return InvalidArgument("edge-token-file",
                           "'" + config.edge_token_file + "' is not a readable file");
  if (std::filesystem::file_size(config.edge_token_file, ec) > 4096 || ec)
    return InvalidArgument("edge-token-file",
                           "'" + config.edge_token_file + "' is not a token (> 4 KiB)");
  std::ifstream in(config.edge_token_file, std::ios::binary);
  if (!in)
    return InvalidArgument("edge-token-file", "'" + config.edge_token_file + "' cannot be read");
  std::string token((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad())
    return InvalidArgument("edge-token-file", "'" + config.edge_token_file + "' cannot be read");
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  if (token.size() < 16)
    return InvalidArgument("edge-token-file", "'" + config.edge_token_file +
                                                  "' must hold a token of at least 16 characters");
  if (token.find_first_of("\r\n") != std::string::npos)
    return InvalidArgument("edge-token-file",
                           "'" + config.edge_token_file + "' must hold one line");
  config.edge_token = std::move(token);
  return {};
}

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> settings = {
      {"listen", "IMMAGIN_CP_LISTEN", "HOST:PORT to listen on (127.0.0.1:8081; port 0 = any)",
       ParseListen},
      {"data-dir", "IMMAGIN_DATA_DIR", "database and embedded storage (./data)",
       SetText(&Config::data_dir)},
      {"database-url", "IMMAGIN_DATABASE_URL",
       "sqlite:///PATH or postgres://… (unset: DATA_DIR/control-plane.sqlite3)",
       SetText(&Config::database_url)},
      {"database-pool-size", "IMMAGIN_DATABASE_POOL_SIZE",
       "database connections (0 = threads + internal threads + 4)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "database-pool-size", 0, 256, c.database_pool_size);
       }},
      {"public-url", "IMMAGIN_PUBLIC_API_URL", "base URL of this server as clients reach it",
       SetText(&Config::public_api_url)},
      {"cdn-domain", "IMMAGIN_CDN_DOMAIN", "delivery domain: https://{tenant}.{domain}",
       SetText(&Config::cdn_domain)},
      {"delivery-url", "IMMAGIN_DELIVERY_URL",
       "delivery base without a CDN domain (http://127.0.0.1:8080)",
       SetText(&Config::delivery_base_url)},
      {"edge-token", "IMMAGIN_EDGE_TOKEN", "bearer token of the edge's internal API (>= 16 chars)",
       SetText(&Config::edge_token)},
      {"storage", "IMMAGIN_STORAGE", "originals backend: local (data dir) or s3",
       SetText(&Config::storage)},
      {"s3-endpoint", "IMMAGIN_S3_ENDPOINT", "S3-compatible endpoint URL (path-style)",
       SetText(&Config::s3_endpoint)},
      {"s3-bucket", "IMMAGIN_S3_BUCKET", "bucket for originals", SetText(&Config::s3_bucket)},
      {"s3-region", "IMMAGIN_S3_REGION", "SigV4 region (us-east-1)", SetText(&Config::s3_region)},
      {"s3-access-key", "IMMAGIN_S3_ACCESS_KEY", "access key id", SetText(&Config::s3_access_key)},
      {"s3-secret-key", "IMMAGIN_S3_SECRET_KEY", "secret access key",
       SetText(&Config::s3_secret_key)},
      {"threads", "IMMAGIN_CP_THREADS", "HTTP worker threads (2)",
       [](Config& c, const std::string& v) { return ParseInt(v, "threads", 1, 64, c.threads); }},
      {"presign-ttl", "IMMAGIN_PRESIGN_TTL_SECONDS", "upload URL lifetime (300)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "presign-ttl", 1, 3600, c.presign_ttl_seconds);
       }},
      {"secret-grace", "IMMAGIN_SECRET_GRACE_SECONDS", "old signing secret validity (604800)",
       [](Config& c, const std::string& v) {
         return ParseInt<int64_t>(v, "secret-grace", 0, 365LL * 86400, c.secret_grace_seconds);
       }},
      {"max-upload-bytes", "IMMAGIN_MAX_UPLOAD_BYTES", "largest original (26214400)",
       [](Config& c, const std::string& v) {
         return ParseInt<int64_t>(v, "max-upload-bytes", 1, 1LL << 30, c.limits.max_upload_bytes);
       }},
      {"max-json-bytes", "IMMAGIN_MAX_JSON_BYTES", "largest JSON request body (1048576)",
       [](Config& c, const std::string& v) {
         return ParseInt<int64_t>(v, "max-json-bytes", 1024, 64LL << 20,
                                  c.limits.max_json_body_bytes);
       }},
      {"list-max-limit", "IMMAGIN_LIST_MAX_LIMIT", "largest page of images (1000)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "list-max-limit", 1, 100'000, c.limits.list_max_limit);
       }},
      {"list-default-limit", "IMMAGIN_LIST_DEFAULT_LIMIT", "default page of images (100)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "list-default-limit", 1, 100'000, c.limits.list_default_limit);
       }},
      {"max-usage-batch", "IMMAGIN_MAX_USAGE_BATCH", "events per ingestion batch (10000)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "max-usage-batch", 1, 1'000'000, c.limits.max_usage_batch_events);
       }},
      {"max-keys-per-project", "IMMAGIN_MAX_KEYS_PER_PROJECT", "API keys per project (100)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "max-keys-per-project", 1, 100'000, c.limits.max_api_keys_per_project);
       }},
      {"free-transforms", "IMMAGIN_FREE_TRANSFORMS", "free plan monthly quota (25000)",
       [](Config& c, const std::string& v) {
         return ParseInt<int64_t>(v, "free-transforms", 0, 1LL << 40,
                                  c.limits.free_transforms_per_month);
       }},
      {"max-email-bytes", "IMMAGIN_MAX_EMAIL_BYTES", "longest account email (254)",
       [](Config& c, const std::string& v) {
         return ParseInt<size_t>(v, "max-email-bytes", 6, 1024, c.accounts.max_email_bytes);
       }},
      {"min-password-chars", "IMMAGIN_MIN_PASSWORD_CHARS", "shortest password (10)",
       [](Config& c, const std::string& v) {
         return ParseInt<size_t>(v, "min-password-chars", 8, 256, c.accounts.min_password_chars);
       }},
      {"max-password-bytes", "IMMAGIN_MAX_PASSWORD_BYTES", "longest password (1024)",
       [](Config& c, const std::string& v) {
         return ParseInt<size_t>(v, "max-password-bytes", 64, 65536, c.accounts.max_password_bytes);
       }},
      {"session-ttl", "IMMAGIN_SESSION_TTL_SECONDS", "console session lifetime (604800)",
       [](Config& c, const std::string& v) {
         return ParseInt<int64_t>(v, "session-ttl", 1, 90LL * 86400,
                                  c.accounts.session_ttl_seconds);
       }},
      {"verification-ttl", "IMMAGIN_VERIFICATION_TTL_SECONDS", "email link lifetime (172800)",
       [](Config& c, const std::string& v) {
         return ParseInt<int64_t>(v, "verification-ttl", 60, 30LL * 86400,
                                  c.accounts.verification_ttl_seconds);
       }},
      {"login-failures-per-email", "IMMAGIN_LOGIN_FAILURES_PER_EMAIL",
       "failed logins per email and window before 429 (5)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "login-failures-per-email", 1, 10'000,
                         c.accounts.login_failures_per_email);
       }},
      {"login-failures-per-ip", "IMMAGIN_LOGIN_FAILURES_PER_IP",
       "failed logins per client IP and window before 429 (30)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "login-failures-per-ip", 1, 100'000, c.accounts.login_failures_per_ip);
       }},
      {"login-window", "IMMAGIN_LOGIN_WINDOW_SECONDS", "login rate-limit window (900)",
       [](Config& c, const std::string& v) {
         return ParseInt<int64_t>(v, "login-window", 1, 86400, c.accounts.login_window_seconds);
       }},
      {"pwhash-opslimit", "IMMAGIN_PWHASH_OPSLIMIT", "Argon2id passes (2)",
       [](Config& c, const std::string& v) {
         return ParseInt<uint64_t>(v, "pwhash-opslimit", 1, 64, c.accounts.pwhash_opslimit);
       }},
      {"pwhash-memlimit", "IMMAGIN_PWHASH_MEMLIMIT_BYTES", "Argon2id memory (67108864)",
       [](Config& c, const std::string& v) {
         return ParseInt<size_t>(v, "pwhash-memlimit", 8192, size_t{4} << 30,
                                 c.accounts.pwhash_memlimit_bytes);
       }},
      {"smtp-url", "IMMAGIN_SMTP_URL", "smtp://host:587 or smtps://host:465 (unset: log mail)",
       SetMail(&MailConfig::smtp_url)},
      {"smtp-username", "IMMAGIN_SMTP_USERNAME", "SMTP login", SetMail(&MailConfig::smtp_username)},
      {"smtp-password", "IMMAGIN_SMTP_PASSWORD", "SMTP password",
       SetMail(&MailConfig::smtp_password)},
      {"mail-from", "IMMAGIN_MAIL_FROM", "From: of outgoing mail", SetMail(&MailConfig::from)},
      // CDN purges (PurgeConfig).
      {"purge-varnish-url", "IMMAGIN_PURGE_VARNISH_URL",
       "Varnish to send xkey PURGEs to, e.g. http://127.0.0.1:8080 (unset: none)",
       SetPurge(&PurgeConfig::varnish_url)},
      {"cloudflare-zone-id", "IMMAGIN_CLOUDFLARE_ZONE_ID", "Cloudflare zone to purge by tag",
       SetPurge(&PurgeConfig::cloudflare_zone_id)},
      {"cloudflare-api-token", "IMMAGIN_CLOUDFLARE_API_TOKEN",
       "Cloudflare API token with Cache Purge permission",
       SetPurge(&PurgeConfig::cloudflare_api_token)},
      {"cloudflare-api-url", "IMMAGIN_CLOUDFLARE_API_URL",
       "Cloudflare API base (https://api.cloudflare.com/client/v4)",
       SetPurge(&PurgeConfig::cloudflare_api_url)},
      {"purge-repeat-seconds", "IMMAGIN_PURGE_REPEAT_SECONDS",
       "a tenant-wide purge is sent again after this long: edges cache tenants 30 s (31)",
       [](Config& c, const std::string& v) {
         return ParseInt<int64_t>(v, "purge-repeat-seconds", 0, 3600, c.purge.repeat_seconds);
       }},
      // Hostile tenants (#12): secrets out of argv, a separate internal listener, sign-up limits.
      {"edge-token-file", "IMMAGIN_EDGE_TOKEN_FILE",
       "file holding the edge token (read at start; instead of edge-token, which ps shows)",
       SetText(&Config::edge_token_file)},
      {"internal-listen", "IMMAGIN_CP_INTERNAL_LISTEN",
       "HOST:PORT of a separate listener for /internal/* (unset: on the main listener)",
       ParseInternalListen},
      {"internal-threads", "IMMAGIN_CP_INTERNAL_THREADS", "threads of the internal listener (1)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "internal-threads", 1, 64, c.internal_threads);
       }},
      {"signups-per-ip", "IMMAGIN_SIGNUPS_PER_IP", "sign-ups per client IP and window (10)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "signups-per-ip", 1, 1'000'000, c.accounts.signups_per_ip);
       }},
      {"signups-per-email", "IMMAGIN_SIGNUPS_PER_EMAIL",
       "sign-ups per email address and window (3)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "signups-per-email", 1, 1'000'000, c.accounts.signups_per_email);
       }},
      {"verification-resends-per-ip", "IMMAGIN_VERIFICATION_RESENDS_PER_IP",
       "verification emails re-sent per client IP and window (10)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "verification-resends-per-ip", 1, 1'000'000,
                         c.accounts.verification_resends_per_ip);
       }},
      {"verification-resends-per-email", "IMMAGIN_VERIFICATION_RESENDS_PER_EMAIL",
       "verification emails re-sent per address and window (3)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "verification-resends-per-email", 1, 1'000'000,
                         c.accounts.verification_resends_per_email);
       }},
      {"signup-window", "IMMAGIN_SIGNUP_WINDOW_SECONDS",
       "window of the sign-up and resend limits (3600)",
       [](Config& c, const std::string& v) {
         return ParseInt<int64_t>(v, "signup-window", 1, 7LL * 86400,
                                  c.accounts.signup_window_seconds);
       }},
      // Account recovery (#17): password reset and email change.
      {"password-reset-ttl", "IMMAGIN_PASSWORD_RESET_TTL_SECONDS",
       "password reset link lifetime (3600)",
       [](Config& c, const std::string& v) {
         return ParseInt<int64_t>(v, "password-reset-ttl", 60, 86400,
                                  c.accounts.password_reset_ttl_seconds);
       }},
      {"password-resets-per-ip", "IMMAGIN_PASSWORD_RESETS_PER_IP",
       "password reset emails per client IP and window (10)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "password-resets-per-ip", 1, 1'000'000,
                         c.accounts.password_resets_per_ip);
       }},
      {"password-resets-per-email", "IMMAGIN_PASSWORD_RESETS_PER_EMAIL",
       "password reset emails per address and window (3)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "password-resets-per-email", 1, 1'000'000,
                         c.accounts.password_resets_per_email);
       }},
      {"email-changes-per-account", "IMMAGIN_EMAIL_CHANGES_PER_ACCOUNT",
       "email changes asked for per account and window (5)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, "email-changes-per-account", 1, 1'000'000,
                         c.accounts.email_changes_per_account);
       }},
  };
  return settings;
}

bool ValidBaseUrl(const std::string& url) {
  bool scheme = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
  return scheme && url.back() != '/' && url.find_first_of(" \t\r\n?#") == std::string::npos;
}

}  // namespace

std::string Config::DeliveryBaseUrl(const std::string& tenant) const {
  if (!cdn_domain.empty()) return "https://" + tenant + "." + cdn_domain;
  return delivery_base_url + "/" + tenant;
}

Result<Config> LoadConfig(const std::vector<std::string>& args, const EnvLookup& env) {
  Config config;
  std::map<std::string, std::string> values;  // flag name → value
  for (const auto& setting : Settings()) {
    if (auto value = env(setting.env)) values[setting.flag] = *value;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0) return InvalidArgument(arg, "unexpected argument");
    std::string name = arg.substr(2);
    std::string value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return InvalidArgument(name, "missing value");
    }
    bool known = false;
    for (const auto& setting : Settings()) known = known || name == setting.flag;
    if (!known) return InvalidArgument(name, "unknown option");
    values[name] = value;
  }
  for (const auto& setting : Settings()) {
    auto it = values.find(setting.flag);
    if (it == values.end()) continue;
    if (auto status = setting.apply(config, it->second); !status.ok()) return status.error();
  }
  if (auto status = ReadEdgeTokenFile(config); !status.ok()) return status.error();
  if (auto status = ValidateConfig(config); !status.ok()) return status.error();
  return config;
}

Status ValidateConfig(const Config& config) {
  if (config.data_dir.empty()) return InvalidArgument("data-dir", "must not be empty");
  if (!config.database_url.empty())
    if (auto target = ParseDatabaseUrl(config.database_url); !target.ok()) return target.error();
  if (!config.public_api_url.empty() && !ValidBaseUrl(config.public_api_url))
    return InvalidArgument("public-url", "must be an http(s) URL without a trailing '/', got '" +
                                             config.public_api_url + "'");
  if (!ValidBaseUrl(config.delivery_base_url))
    return InvalidArgument("delivery-url", "must be an http(s) URL without a trailing '/', got '" +
                                               config.delivery_base_url + "'");
  if (config.cdn_domain.find_first_of("/: ") != std::string::npos)
    return InvalidArgument("cdn-domain", "must be a bare domain such as cdn.example.com");
  if (!config.edge_token.empty() && config.edge_token.size() < 16)
    return InvalidArgument("edge-token", "must be at least 16 characters");
  if (config.storage != "local" && config.storage != "s3")
    return InvalidArgument("storage", "must be 'local' or 's3'");
  if (config.storage == "s3") {
    if (!ValidBaseUrl(config.s3_endpoint))
      return InvalidArgument("s3-endpoint", "must be an http(s) URL without a trailing '/'");
    if (config.s3_bucket.empty() ||
        config.s3_bucket.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") !=
            std::string::npos)
      return InvalidArgument("s3-bucket", "must be a bucket name ([a-z0-9.-])");
    if (config.s3_access_key.empty()) return InvalidArgument("s3-access-key", "is required");
    if (config.s3_secret_key.empty()) return InvalidArgument("s3-secret-key", "is required");
    if (config.s3_region.empty()) return InvalidArgument("s3-region", "must not be empty");
  }
  if (!config.mail.smtp_url.empty() && config.mail.smtp_url.rfind("smtp://", 0) != 0 &&
      config.mail.smtp_url.rfind("smtps://", 0) != 0)
    return InvalidArgument("smtp-url", "must start with smtp:// or smtps://");
  if (config.mail.from.find_first_of("\r\n") != std::string::npos ||
      config.mail.from.find('@') == std::string::npos)
    return InvalidArgument("mail-from", "must be one address line such as 'Immagin <a@b.c>'");
  if (config.accounts.min_password_chars > config.accounts.max_password_bytes)
    return InvalidArgument("min-password-chars", "must not exceed max-password-bytes");
  if (!config.internal_listen_host.empty() && config.internal_listen_host == config.listen_host &&
      config.internal_listen_port != 0 && config.internal_listen_port == config.listen_port)
    return InvalidArgument("internal-listen", "must differ from listen");
  if (config.limits.list_default_limit > config.limits.list_max_limit)
    return InvalidArgument("list-default-limit", "must not exceed list-max-limit");
  if (config.purge.varnish() && !ValidBaseUrl(config.purge.varnish_url))
    return InvalidArgument("purge-varnish-url", "must be an http(s) URL without a trailing '/'");
  if (config.purge.cloudflare_zone_id.empty() != config.purge.cloudflare_api_token.empty())
    return InvalidArgument(
        config.purge.cloudflare_zone_id.empty() ? "cloudflare-zone-id" : "cloudflare-api-token",
        "Cloudflare purges need both the zone id and the API token");
  if (config.purge.cloudflare_zone_id.find_first_not_of("0123456789abcdefABCDEF") !=
      std::string::npos)
    return InvalidArgument("cloudflare-zone-id", "must be the zone's hexadecimal id");
  if (config.purge.cloudflare_api_token.find_first_of(" \t\r\n") != std::string::npos)
    return InvalidArgument("cloudflare-api-token", "must be one token without spaces");
  if (!ValidBaseUrl(config.purge.cloudflare_api_url))
    return InvalidArgument("cloudflare-api-url", "must be an http(s) URL without a trailing '/'");
  return {};
}

std::string ConfigUsage() {
  std::string text = "options (flag / environment variable):\n";
  for (const auto& setting : Settings())
    text += "  --" + std::string(setting.flag) + " / " + setting.env + ": " + setting.help + "\n";
  return text;
}

}  // namespace immagin::cp
