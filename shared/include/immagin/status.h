// Errors as values: every fallible function in shared/ and edge/ returns a Status or a
// Result<T>. Nothing here throws, so the same code can cross the wasm ABI unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace immagin {

// What went wrong, from the caller's point of view; each maps to one HTTP status.
enum class ErrorCode {
  kInvalidArgument,   // 400: undecodable payload, invalid edit, bad colour, ...
  kUnauthenticated,   // 401
  kPaymentRequired,   // 402: an unpaid account's writes
  kForbidden,         // 403: bad signature, tampering
  kNotFound,          // 404
  kMethodNotAllowed,  // 405
  kConflict,          // 409: a name already taken
  kExpired,           // 410: a signed URL past its `exp`
  kPayloadTooLarge,   // 413
  kUnsupported,       // 415
  kUnprocessable,     // 422: well-formed request the image cannot satisfy
  kTooManyRequests,   // 429: quota, rate limits
  kInternal,          // 500
  kUnavailable,       // 503
};

int HttpStatus(ErrorCode code);
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  // Dotted path of the offending input, e.g. "edits[2].resize.width"; empty when none.
  std::string field;
  std::string message;
  // A machine-readable name more precise than the code's ("csrf", "wrong_password");
  // empty: ErrorCodeName(code). Name() gives whichever applies.
  std::string reason = {};
  // > 0: how long the caller should wait, sent as Retry-After (429, 503).
  int64_t retry_after_seconds = 0;

  std::string_view Name() const;
  // "edits[2].resize.width: must be an integer between 1 and 16384"
  std::string ToString() const;
};

inline Error InvalidArgument(std::string field, std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(field), std::move(message)};
}
inline Error Unauthenticated(std::string message) {
  return Error{ErrorCode::kUnauthenticated, "", std::move(message)};
}
inline Error PaymentRequired(std::string message) {
  return Error{ErrorCode::kPaymentRequired, "", std::move(message)};
}
inline Error Forbidden(std::string message) {
  return Error{ErrorCode::kForbidden, "", std::move(message)};
}
inline Error NotFound(std::string field, std::string message) {
  return Error{ErrorCode::kNotFound, std::move(field), std::move(message)};
}
inline Error Conflict(std::string field, std::string message) {
  return Error{ErrorCode::kConflict, std::move(field), std::move(message)};
}
inline Error PayloadTooLarge(std::string field, std::string message) {
  return Error{ErrorCode::kPayloadTooLarge, std::move(field), std::move(message)};
}
inline Error TooManyRequests(std::string message, int64_t retry_after_seconds) {
  return Error{ErrorCode::kTooManyRequests, "", std::move(message), "rate_limited",
               retry_after_seconds};
}
inline Error Internal(std::string message) {
  return Error{ErrorCode::kInternal, "", std::move(message)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error)
      : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace immagin
