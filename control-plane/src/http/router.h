// Method + path routing with named captures: `{id}` matches one segment, `{key+}` the rest
// of the path (one or more segments, so image keys may contain '/'). Captures are
// percent-decoded.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/http_message.h"

namespace immagin::cp {

using RouteHandler = std::function<Result<HttpResponse>(const HttpRequest&)>;

struct Route {
  std::string method;
  std::string pattern;  // also the metrics label
  RouteHandler handler;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
};

class Router {
 public:
  void Add(std::string method, std::string pattern, RouteHandler handler);
  // A route whose handler also takes the server's services: `handler(request, services)`.
  template <typename Services, typename Handler>
  void Add(std::string method, std::string pattern, Services& services, Handler handler) {
    Add(std::move(method), std::move(pattern),
        [&services, handler](const HttpRequest& request) { return handler(request, services); });
  }
  // 404 when no pattern matches the path, 405 when one does but not for this method, 400
  // when a capture is badly encoded.
  Result<RouteMatch> Match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace immagin::cp
