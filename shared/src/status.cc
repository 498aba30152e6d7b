#include "immagin/status.h"

namespace immagin {

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPaymentRequired: return 402;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kExpired: return 410;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kUnsupported: return 415;
    case ErrorCode::kUnprocessable: return 422;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kInternal: return 500;
    case ErrorCode::kUnavailable: return 503;
  }
  return 500;
}

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kPaymentRequired: return "payment_required";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kExpired: return "expired";
    case ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kUnprocessable: return "unprocessable";
    case ErrorCode::kTooManyRequests: return "too_many_requests";
    case ErrorCode::kInternal: return "internal";
    case ErrorCode::kUnavailable: return "unavailable";
  }
  return "internal";
}

std::string_view Error::Name() const {
  return reason.empty() ? ErrorCodeName(code) : std::string_view(reason);
}

std::string Error::ToString() const {
  if (field.empty()) return message;
  return field + ": " + message;
}

}  // namespace immagin
