#include "immagin/surrogate_key.h"

#include <sodium.h>

#include <array>

namespace immagin {

std::string OriginalSurrogateKey(std::string_view tenant, std::string_view key) {
  std::string message = "immagin-original-v1\n";
  message.append(tenant);
  message += '\n';
  message.append(key);
  std::array<unsigned char, 16> hash{};
  crypto_generichash(hash.data(), hash.size(),
                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     nullptr, 0);
  std::array<char, 33> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return "o" + std::string(hex.data(), 32);
}

std::string TenantSurrogateKey(std::string_view tenant) { return "t-" + std::string(tenant); }

}  // namespace immagin
