// Fuzzes everything that reads untrusted URL input before an image is touched: base64url,
// payload JSON, the edit parser, colours, keys. Besides "no crash, no leak, no UB" it checks
// the properties the cache and billing rely on:
//   - base64url accepts only the encoder's own spelling (decode then encode is identity);
//   - canonical JSON is a fixed point: parsing it gives the same payload, spelled the same;
//   - the transform id depends only on the canonical form.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "immagin/base64url.h"
#include "immagin/color.h"
#include "immagin/delivery_payload.h"
#include "immagin/image_key.h"
#include "immagin/transform_id.h"

namespace {

void Check(bool condition, const char* what, std::string_view detail) {
  if (condition) return;
  std::fprintf(stderr, "property violated: %s\n%.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

void CheckPayload(const immagin::Result<immagin::DeliveryPayload>& payload) {
  if (!payload.ok()) {
    Check(immagin::HttpStatus(payload.error().code) == 400, "payload errors are 400s",
          payload.error().ToString());
    Check(!payload.error().message.empty(), "errors say why", payload.error().field);
    return;
  }
  Check(immagin::ValidateImageKey(payload->key).ok(), "accepted keys are valid", payload->key);
  const std::string canonical = immagin::CanonicalPayloadJson(*payload);
  auto again = immagin::ParsePayloadJson(canonical, {});
  Check(again.ok(), "canonical JSON parses", canonical);
  Check(*again == *payload, "canonical JSON parses to the same payload", canonical);
  Check(immagin::CanonicalPayloadJson(*again) == canonical, "canonical JSON is a fixed point",
        canonical);
  Check(immagin::TransformId("fuzz", *again) == immagin::TransformId("fuzz", *payload),
        "transform id is stable", canonical);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // The input as payload JSON, and as the base64url segment of a URL.
  CheckPayload(immagin::ParsePayloadJson(input, {}));
  CheckPayload(immagin::DecodePayload(input, {}));

  auto decoded = immagin::Base64UrlDecode(input);
  if (decoded) {
    Check(immagin::Base64UrlEncode(*decoded) == input, "base64url is canonical", input);
  }
  Check(*immagin::Base64UrlDecode(immagin::Base64UrlEncode(input)) == input,
        "base64url round-trips", input);

  if (auto color = immagin::ParseCssColor(input, "color")) {
    auto again = immagin::ParseCssColor(immagin::ToHex(*color), "color");
    Check(again.ok() && *again == *color, "colours round-trip through hex", input);
  }
  (void)immagin::ValidateImageKey(input);
  return 0;
}
