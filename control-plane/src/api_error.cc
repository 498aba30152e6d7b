#include "api_error.h"

namespace immagin::cp {

ApiError ApiError::From(const Error& error) {
  return ApiError{HttpStatus(error.code), std::string(ErrorCodeName(error.code)), error.field,
                  error.message};
}

ApiError BadRequest(std::string field, std::string message) {
  return ApiError{400, "invalid_argument", std::move(field), std::move(message)};
}
ApiError Unauthenticated(std::string message) {
  return ApiError{401, "unauthenticated", "", std::move(message)};
}
ApiError TooManyRequests(std::string message, int64_t retry_after_seconds) {
  ApiError error{429, "rate_limited", "", std::move(message)};
  error.retry_after_seconds = retry_after_seconds;
  return error;
}
ApiError Forbidden(std::string message) {
  return ApiError{403, "forbidden", "", std::move(message)};
}
ApiError NotFound(std::string field, std::string message) {
  return ApiError{404, "not_found", std::move(field), std::move(message)};
}
ApiError Conflict(std::string field, std::string message) {
  return ApiError{409, "conflict", std::move(field), std::move(message)};
}
ApiError PaymentRequired(std::string message) {
  return ApiError{402, "payment_required", "", std::move(message)};
}
ApiError PayloadTooLarge(std::string field, std::string message) {
  return ApiError{413, "payload_too_large", std::move(field), std::move(message)};
}
ApiError Internal(std::string message) { return ApiError{500, "internal", "", std::move(message)}; }

}  // namespace immagin::cp
