// Where a delivery request points: tenant, payload and signature from the URL.
#include <algorithm>

#include "immagin/tenant_id.h"
#include "luna/delivery.h"

namespace luna {
namespace {

using immagin::Error;
using immagin::ErrorCode;

std::string_view WithoutPort(std::string_view host) {
  const size_t colon = host.rfind(':');
  if (colon != std::string_view::npos && host.find(']') == std::string_view::npos) {
    return host.substr(0, colon);
  }
  return host;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::variant<Target, Response> ParseTarget(const Request& request, std::string_view cdn_domain) {
  if (request.method != "GET" && request.method != "HEAD") {
    return ErrorResponse(
        Error{ErrorCode::kMethodNotAllowed, "method", "delivery URLs answer GET and HEAD only"},
        request);
  }
  const size_t q = request.target.find('?');
  std::string_view path = std::string_view(request.target).substr(0, q);
  const std::string_view query =
      q == std::string::npos ? std::string_view() : std::string_view(request.target).substr(q + 1);

  Target target;
  bool has_sig = false;
  // Every '&'-separated pair counts, empty ones too: "?sig=…&" is another URL to a cache.
  for (size_t start = 0; q != std::string::npos;) {
    const size_t end = std::min(query.find('&', start), query.size());
    const std::string_view pair = query.substr(start, end - start);
    if (pair.starts_with("sig=") && !has_sig) {
      target.sig = std::string(pair.substr(4));
      has_sig = true;
    } else {
      // Anything unsigned in the URL, even an empty `&`, a second `sig` or one the same as the
      // first, would make one signed request into many cache keys: unlimited renders.
      const std::string name(pair.substr(0, pair.find('=')));
      return ErrorResponse(immagin::InvalidArgument(
                               "query", pair.empty()    ? std::string("empty query parameter")
                                        : name == "sig" ? std::string("a second sig")
                                                        : "unexpected query parameter \"" + name +
                                                              "\" (only sig is allowed)"),
                           request);
    }
    if (end == query.size()) break;
    start = end + 1;
  }

  const std::string host = Lower(WithoutPort(request.host));
  const std::string suffix = "." + Lower(cdn_domain);
  if (!cdn_domain.empty() && host.size() > suffix.size() && host.ends_with(suffix)) {
    target.tenant = host.substr(0, host.size() - suffix.size());
    path.remove_prefix(path.starts_with('/') ? 1 : 0);
  } else {
    // Path form: /{tenant}/{payload}
    path.remove_prefix(path.starts_with('/') ? 1 : 0);
    const size_t slash = path.find('/');
    if (slash == std::string_view::npos) {
      return ErrorResponse(
          Error{ErrorCode::kNotFound, "path", "expected /{tenant}/{payload}?sig={signature}"},
          request);
    }
    target.tenant = std::string(path.substr(0, slash));
    path.remove_prefix(slash + 1);
  }
  if (!immagin::ValidateTenantId(target.tenant).ok()) {
    return ErrorResponse(Error{ErrorCode::kNotFound, "tenant", "no such project"}, request);
  }
  if (path.empty() || path.find('/') != std::string_view::npos) {
    return ErrorResponse(immagin::InvalidArgument("payload", "expected one payload segment"),
                         request);
  }
  target.payload = std::string(path);
  if (!has_sig || target.sig.empty()) {
    return ErrorResponse(Error{ErrorCode::kForbidden, "sig", "the URL is not signed"}, request);
  }
  return target;
}

}  // namespace luna
