#include "immagin/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <memory>

namespace immagin::http {
namespace {

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using CurlUrl = std::unique_ptr<CURLU, decltype(&curl_url_cleanup)>;
using CurlHeaders = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  size_t start = text.find_first_not_of(kSpace);
  if (start == std::string_view::npos) return {};
  return text.substr(start, text.find_last_not_of(kSpace) - start + 1);
}

bool CurlReady() {
  // curl_global_init is not thread-safe; a function-local static runs it exactly once.
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return ready;
}

std::string UrlPart(CURLU* url, CURLUPart part) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, 0) != CURLUE_OK) return "";
  std::string copy(value);
  curl_free(value);
  return copy;
}

// The parsed URL libcurl is handed, and its `host[:port]` for messages: never the path or
// the query (a presigned URL's signature is in its query) nor user information.
struct Target {
  CurlUrl url;
  std::string authority;
};

Result<Target> ParseTarget(const std::string& text) {
  Target target{CurlUrl(curl_url(), curl_url_cleanup), ""};
  if (!target.url) return Error{ErrorCode::kInternal, "", "libcurl could not allocate a URL"};
  if (curl_url_set(target.url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK)
    return InvalidArgument("url", "not an absolute URL");
  const std::string scheme = UrlPart(target.url.get(), CURLUPART_SCHEME);
  if (scheme != "http" && scheme != "https")
    return InvalidArgument("url", "only http and https URLs can be fetched");
  target.authority = UrlPart(target.url.get(), CURLUPART_HOST);
  if (std::string port = UrlPart(target.url.get(), CURLUPART_PORT); !port.empty())
    target.authority += ":" + port;
  return target;
}

Status CheckRequest(const Request& request) {
  if (request.method.empty() ||
      !std::ranges::all_of(request.method, [](char c) { return c >= 'A' && c <= 'Z'; }))
    return InvalidArgument("method", "must be an upper-case HTTP method such as GET");
  if (request.timeout_ms <= 0) return InvalidArgument("timeout_ms", "must be positive");
  if (request.connect_timeout_ms <= 0)
    return InvalidArgument("connect_timeout_ms", "must be positive");
  constexpr std::string_view kLineBreak = "\r\n";
  for (const auto& [name, value] : request.headers) {
    // A line break would smuggle in a header (or a request) the caller never meant.
    if (name.empty() || name.find_first_of(kLineBreak) != std::string::npos ||
        value.find_first_of(kLineBreak) != std::string::npos)
      return InvalidArgument("headers", "a header name is empty or a header has a line break");
  }
  return {};
}

bool Append(CurlHeaders& list, const std::string& line) {
  curl_slist* head = curl_slist_append(list.get(), line.c_str());
  if (head == nullptr) return false;
  if (!list) list.reset(head);
  return true;
}

// The caller's headers and none that libcurl would add on its own: `Expect: 100-continue`
// (Pistache never answers it, so every upload would wait a second for nothing) and a form
// Content-Type on a body the caller did not type.
Result<CurlHeaders> HeaderList(const Request& request, bool sends_body) {
  CurlHeaders list(nullptr, curl_slist_free_all);
  bool has_expect = false;
  bool has_type = false;
  bool appended = true;
  for (const auto& [name, value] : request.headers) {
    // "Name;" is libcurl's spelling of an empty value: "Name:" would remove the header.
    appended = appended && Append(list, value.empty() ? name + ";" : name + ": " + value);
    has_expect = has_expect || EqualsIgnoringCase(name, "Expect");
    has_type = has_type || EqualsIgnoringCase(name, "Content-Type");
  }
  if (!has_expect) appended = appended && Append(list, "Expect:");
  if (sends_body && !has_type) appended = appended && Append(list, "Content-Type:");
  if (!appended) return Error{ErrorCode::kInternal, "", "libcurl could not allocate a header"};
  return list;
}

struct Transfer {
  Response response;
  size_t max_body_bytes;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t n = size * count;
  // The body never exceeds the cap, so the subtraction cannot wrap.
  if (n > transfer->max_body_bytes - transfer->response.body.size()) {
    transfer->too_large = true;
    return 0;  // libcurl ends the transfer (CURLE_WRITE_ERROR)
  }
  transfer->response.body.append(data, n);
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  Headers& headers = static_cast<Transfer*>(user)->response.headers;
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers.clear();  // a new response begins (after an interim 1xx): only the last one counts
  } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
    headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                         std::string(Trim(line.substr(colon + 1))));
  }
  return size * count;
}

}  // namespace

const std::string* Response::Header(std::string_view name) const {
  for (const auto& [header, value] : headers)
    if (EqualsIgnoringCase(header, name)) return &value;
  return nullptr;
}

Result<Response> Send(const Request& request) {
  if (Status checked = CheckRequest(request); !checked.ok()) return checked.error();
  auto target = ParseTarget(request.url);
  if (!target.ok()) return target.error();
  if (!CurlReady()) return Error{ErrorCode::kInternal, "", "libcurl could not be initialised"};
  const bool head = request.method == "HEAD";
  const bool sends_body =
      !request.body.empty() || request.method == "PUT" || request.method == "POST";
  auto headers = HeaderList(request, sends_body);
  if (!headers.ok()) return headers.error();
  // One easy handle per call: loopback and in-region peers connect in well under a
  // millisecond, which does not pay for a pool's lifetime and thread-safety rules.
  CurlHandle curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Error{ErrorCode::kInternal, "", "libcurl could not allocate a handle"};
  CURL* c = curl.get();
  Transfer transfer{Response{}, request.max_body_bytes};
  curl_easy_setopt(c, CURLOPT_CURLU, target->url.get());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers->get());
  // Timeouts by polling, not SIGALRM: the callers are multi-threaded servers.
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout_ms));
  if (head) {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (sends_body) {
    // The size is set first, so libcurl never looks for a terminating NUL.
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
  }
  // Refused from its Content-Length before a byte of the body is read (0 means "no limit"
  // to libcurl; OnBody enforces that cap, and any body without a Content-Length).
  if (!head && request.max_body_bytes > 0 &&
      request.max_body_bytes <= static_cast<size_t>(std::numeric_limits<curl_off_t>::max())) {
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_body_bytes));
  }
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);
  const CURLcode code = curl_easy_perform(c);
  if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return Error{ErrorCode::kPayloadTooLarge, "",
                 "the answer of " + target->authority + " is larger than the limit of " +
                     std::to_string(request.max_body_bytes) + " bytes"};
  }
  if (code != CURLE_OK) {
    return Error{ErrorCode::kUnavailable, "",
                 request.method + " " + target->authority + ": " + curl_easy_strerror(code)};
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  transfer.response.status = static_cast<int>(status);
  return std::move(transfer.response);
}

}  // namespace immagin::http
