// The server's own view of an HTTP exchange, independent of Pistache: handlers take an
// HttpRequest and return a response or an Error, so they never touch the network layer
// and never throw.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "immagin/json.h"
#include "immagin/status.h"

namespace immagin::cp {

struct HttpRequest {
  std::string method;
  std::string path;                            // without the query string
  std::map<std::string, std::string> query;    // decoded
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::map<std::string, std::string> params;   // route captures, decoded
  std::map<std::string, std::string> cookies;  // Pistache parses Cookie headers itself
  std::string remote_ip;                       // the TCP peer (login rate limits)

  std::optional<std::string> Header(const std::string& lower_name) const;
  std::optional<std::string> Query(const std::string& name) const;
  const std::string& Param(const std::string& name) const;
  // The value of one cookie (parsed cookies, else the raw Cookie header).
  std::optional<std::string> Cookie(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static HttpResponse Json(int status, const immagin::Json& value);
  // JSON no cache may keep: secrets, a user's own data, errors.
  static HttpResponse PrivateJson(int status, const immagin::Json& value);
  static HttpResponse Empty(int status);
};

// {"error":{"code":"invalid_argument","field":"key","message":"..."}}
HttpResponse ErrorResponse(const Error& error);

// Parses a JSON object body: 413 past `max_bytes`, 400 naming "body" when it is not one.
Result<immagin::Json> ParseJsonObjectBody(const HttpRequest& request, int64_t max_bytes);
// A JSON object body of exactly the named string members (the console's account forms):
// 400 naming any other member, a member that is not a string, or a missing one.
Result<std::map<std::string, std::string>> ParseStringFields(
    const HttpRequest& request, int64_t max_bytes, std::initializer_list<const char*> names);

}  // namespace immagin::cp
