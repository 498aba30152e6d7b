#include "webp_metadata.h"

#include <cstdint>
#include <string_view>

namespace luna {
namespace {

uint32_t ReadLe32(const std::string& s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}

void WriteLe32(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

constexpr unsigned char kXmpFlag = 0x04;
constexpr unsigned char kExifFlag = 0x08;

}  // namespace

std::string StripWebpMetadata(std::string webp) {
  // RIFF <size> WEBP, then chunks of <fourcc><size><data, padded to even>.
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0) {
    return webp;
  }
  std::string out = webp.substr(0, 12);
  size_t at = 12;
  while (at + 8 <= webp.size()) {
    const std::string_view fourcc(webp.data() + at, 4);
    const size_t size = ReadLe32(webp, at + 4);
    const size_t total = 8 + size + (size & 1);
    if (at + total > webp.size()) return webp;  // malformed: leave it to the decoder
    if (fourcc != "EXIF" && fourcc != "XMP ") out.append(webp, at, total);
    at += total;
  }
  if (out.size() >= 21 && out.compare(12, 4, "VP8X") == 0) {
    out[20] = static_cast<char>(static_cast<unsigned char>(out[20]) & ~(kExifFlag | kXmpFlag));
  }
  WriteLe32(out, 4, static_cast<uint32_t>(out.size() - 8));
  return out;
}

}  // namespace luna
