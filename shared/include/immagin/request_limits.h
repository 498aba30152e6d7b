#pragma once

#include <cstddef>

namespace immagin {

// Limits on what one signed request may ask for, before any image is touched. Hosts load
// them from their configuration; the defaults suit a public CDN.
struct RequestLimits {
  size_t max_payload_chars = 8192;  // base64url characters of the URL's payload
  size_t max_edits = 32;            // entries of the edits array
  size_t max_text_chars = 256;      // code points of one text layer
  size_t max_image_layers = 4;      // `image` layers: each is one more original to fetch
};

}  // namespace immagin
