// The one validator for image keys, used by every component that accepts a key (SDK-facing
// API, storage backends, the edge), so a key that is safe in one place is safe in all.
#pragma once

#include <cstddef>
#include <string_view>

#include "immagin/status.h"

namespace immagin {

// S3's own limit; keys longer than this could not be stored on S3-compatible backends.
inline constexpr size_t kMaxImageKeyBytes = 1024;

// Valid keys are non-empty UTF-8 of at most kMaxImageKeyBytes bytes, with no control
// characters and no backslash, and are relative paths whose '/'-separated segments are
// neither empty, "." nor ".." (the local storage backend maps keys onto a directory tree).
Status ValidateImageKey(std::string_view key, std::string_view field = "key");

// A listing prefix is the start of a key, held to the same rules segment by segment, so
// that no prefix can name a folder outside the project: it may be empty, end with '/' or
// stop inside a segment, but has no empty, "." or ".." segment (not even the last one) and
// no leading '/'.
Status ValidateImageKeyPrefix(std::string_view prefix, std::string_view field = "prefix");

}  // namespace immagin
