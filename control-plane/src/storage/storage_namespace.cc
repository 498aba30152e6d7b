#include "storage/storage_namespace.h"

#include <sodium.h>

#include <array>

namespace immagin::cp {

namespace {
constexpr std::string_view kRandomPrefix = "p_";
constexpr size_t kRandomBytes = 16;
}  // namespace

std::string NewStorageNamespace() {
  std::array<unsigned char, kRandomBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, kRandomBytes * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  return std::string(kRandomPrefix) + hex.data();
}

bool IsStorageNamespace(std::string_view text) {
  auto all = [](std::string_view s, auto pred) {
    for (char c : s)
      if (!pred(c)) return false;
    return true;
  };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto hex = [&](char c) { return digit(c) || (c >= 'a' && c <= 'f'); };
  if (text.size() == kRandomPrefix.size() + kRandomBytes * 2 && text.starts_with(kRandomPrefix))
    return all(text.substr(kRandomPrefix.size()), hex);
  // Legacy: a positive row id without leading zeros.
  return !text.empty() && text.size() <= 19 && text.front() != '0' && all(text, digit);
}

}  // namespace immagin::cp
