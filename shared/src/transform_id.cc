#include "immagin/transform_id.h"

#include <sodium.h>

#include <array>

namespace immagin {

std::string TransformId(std::string_view tenant, const DeliveryPayload& payload) {
  DeliveryPayload timeless = payload;
  timeless.exp.reset();
  std::string message = "immagin-transform-v1\n";
  message.append(tenant);
  message += '\n';
  message += CanonicalPayloadJson(timeless);

  std::array<unsigned char, 16> hash{};
  crypto_generichash(hash.data(), hash.size(),
                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     nullptr, 0);
  std::array<char, 33> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return std::string(hex.data(), 32);
}

bool IsTransformId(std::string_view id) {
  return id.size() == 32 && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace immagin
