// Where luna-server reads the originals the host protocol asks for: the step's URL (the
// control plane's storage or a signed S3 request, both made by edge/request), or a local
// directory ({dir}/{tenant}/{key}) for development.
#pragma once

#include <memory>
#include <string>

#include "immagin/json.h"

namespace luna {

// What the module is told of a fetch: {"status" (0: not reached), "etag", "size"} and the
// bytes, read no further than the step's maxBytes (size past it: too large, no bytes).
struct FetchedOriginal {
  immagin::Json answer;
  std::string bytes;
};

class OriginalSource {
 public:
  virtual ~OriginalSource() = default;
  // `step`: the original step or one of its overlays ({key, url, headers}), and the limit.
  virtual FetchedOriginal Fetch(const immagin::Json& step, const std::string& tenant,
                                size_t max_bytes) = 0;
};

std::unique_ptr<OriginalSource> OriginalsFromUrls();
std::unique_ptr<OriginalSource> OriginalsFromDirectory(std::string root);

}  // namespace luna
