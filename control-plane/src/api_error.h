// The control plane's error value. shared/'s ErrorCode has no 402 or 409 (the edge never
// answers them), so the API keeps its own HTTP status beside the code name; an
// immagin::Error from shared/ converts into one unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "immagin/status.h"

namespace immagin::cp {

struct ApiError {
  int http_status = 500;
  std::string code = "internal";  // machine-readable: invalid_argument, conflict, ...
  std::string field;              // offending input, empty when none
  std::string message;
  int64_t retry_after_seconds = 0;  // > 0: sent as Retry-After (429)

  static ApiError From(const Error& error);
};

ApiError BadRequest(std::string field, std::string message);
ApiError Unauthenticated(std::string message);
ApiError Forbidden(std::string message);
ApiError NotFound(std::string field, std::string message);
ApiError Conflict(std::string field, std::string message);
ApiError PaymentRequired(std::string message);
ApiError PayloadTooLarge(std::string field, std::string message);
ApiError TooManyRequests(std::string message, int64_t retry_after_seconds);
ApiError Internal(std::string message);

template <typename T>
class [[nodiscard]] ApiResult {
 public:
  ApiResult(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  ApiResult(ApiError error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  ApiResult(const Error& error) : v_(ApiError::From(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const ApiError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, ApiError> v_;
};

class [[nodiscard]] ApiStatus {
 public:
  ApiStatus() = default;
  ApiStatus(ApiError error)  // NOLINT(google-explicit-constructor)
      : error_(std::move(error)), ok_(false) {}
  ApiStatus(const Error& error)  // NOLINT(google-explicit-constructor)
      : error_(ApiError::From(error)), ok_(false) {}

  bool ok() const { return ok_; }
  const ApiError& error() const { return error_; }

 private:
  ApiError error_;
  bool ok_ = true;
};

}  // namespace immagin::cp
