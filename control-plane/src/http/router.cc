#include "http/router.h"

#include "immagin/percent_encoding.h"
#include "storage/presign.h"

namespace immagin::cp {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 1;  // paths start with '/'
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// Fills raw (still encoded) captures; false when the pattern does not match.
bool MatchPattern(const std::string& pattern, const std::string& path,
                  std::map<std::string, std::string>& raw) {
  if (path.empty() || path[0] != '/') return false;
  auto want = Split(pattern);
  auto have = Split(path);
  for (size_t i = 0; i < want.size(); ++i) {
    const std::string& part = want[i];
    bool capture = part.size() > 2 && part.front() == '{' && part.back() == '}';
    if (capture && part[part.size() - 2] == '+') {
      if (i >= have.size()) return false;
      std::string rest;
      for (size_t j = i; j < have.size(); ++j) rest += (j > i ? "/" : "") + have[j];
      if (rest.empty()) return false;
      raw[part.substr(1, part.size() - 3)] = rest;
      return true;
    }
    if (i >= have.size()) return false;
    if (capture) {
      if (have[i].empty()) return false;
      raw[part.substr(1, part.size() - 2)] = have[i];
    } else if (part != have[i]) {
      return false;
    }
  }
  return want.size() == have.size();
}

}  // namespace

void Router::Add(std::string method, std::string pattern, RouteHandler handler) {
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler)});
}

Result<RouteMatch> Router::Match(const std::string& method, const std::string& path) const {
  bool path_known = false;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> raw;
    if (!MatchPattern(route.pattern, path, raw)) continue;
    path_known = true;
    if (route.method != method) continue;
    RouteMatch match{&route, {}};
    for (auto& [name, value] : raw) {
      auto decoded = immagin::PercentDecode(value, name);
      if (!decoded.ok()) return decoded.error();
      match.params[name] = std::move(decoded.value());
    }
    return match;
  }
  if (path_known) return Error{ErrorCode::kMethodNotAllowed, "", method + " is not allowed here"};
  return NotFound("", "no route for " + path);
}

}  // namespace immagin::cp
