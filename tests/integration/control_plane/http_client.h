// The control plane's tests' HTTP calls, over immagin/http_client.h: "Name: value" headers
// in, lower-cased header names and a JSON view out.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "immagin/json.h"

namespace immagin::cp::testing {

struct HttpResult {
  long status = 0;  // 0 when the request could not be sent or had no answer
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased
  double seconds = 0;

  // The body parsed as JSON (null when it is not JSON).
  immagin::Json json() const;
  // error.field / error.code of a JSON error body, or "" when absent.
  std::string error_field() const;
  std::string error_code() const;
};

HttpResult Send(const std::string& method, const std::string& url, const std::string& body = "",
                const std::vector<std::string>& headers = {});

}  // namespace immagin::cp::testing
