#include "store/database_url.h"

namespace immagin::cp {

Result<DatabaseTarget> ParseDatabaseUrl(const std::string& url) {
  if (url.starts_with("postgres://") || url.starts_with("postgresql://"))
    return DatabaseTarget{Backend::kPostgres, url};
  if (url.starts_with("sqlite:")) {
    std::string path = url.substr(7);
    if (path.starts_with("//")) path = path.substr(2);  // sqlite:///abs → /abs
    if (path.empty()) return InvalidArgument("database-url", "sqlite: needs a file path");
    return DatabaseTarget{Backend::kSqlite, path};
  }
  // libpq's key=value form ("host=/run/postgresql dbname=immagin").
  if (url.find('=') != std::string::npos && url.find("://") == std::string::npos)
    return DatabaseTarget{Backend::kPostgres, url};
  return InvalidArgument("database-url",
                         "must be sqlite:///PATH, postgres://… or postgresql://… (got '" +
                             RedactedDatabaseUrl(url) + "')");
}

std::string RedactedDatabaseUrl(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) {
    auto at = url.find("password=");
    if (at == std::string::npos) return url;
    auto end = url.find(' ', at);
    return url.substr(0, at) + "password=***" + (end == std::string::npos ? "" : url.substr(end));
  }
  auto authority = scheme + 3;
  auto at = url.find('@', authority);
  auto slash = url.find('/', authority);
  if (at == std::string::npos || (slash != std::string::npos && at > slash)) return url;
  auto colon = url.find(':', authority);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

}  // namespace immagin::cp
