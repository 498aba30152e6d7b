#include "gif_writer.h"

#include <libimagequant.h>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace luna {
namespace {

// GIF's LZW: variable-width codes, least significant bit first, in sub-blocks of at most
// 255 bytes. The dictionary is a trie of (prefix code, byte) → code, kept as child and
// sibling lists so that a reset costs nothing.
class LzwWriter {
 public:
  LzwWriter(std::string& out, int min_code_size)
      : out_(out), min_(min_code_size), clear_(1 << min_code_size), end_(clear_ + 1) {}

  void Write(const uint8_t* indices, size_t count) {
    Reset();
    Emit(clear_);
    if (count == 0) return Finish();
    int prefix = indices[0];
    for (size_t i = 1; i < count; ++i) {
      const uint8_t c = indices[i];
      if (const int found = Find(prefix, c); found >= 0) {
        prefix = found;
        continue;
      }
      Emit(prefix);
      if (next_ < kMaxCodes) {
        Add(prefix, c);
        // The decoder widens after it has seen the code that fills this width.
        if (next_ - 1 == (1 << width_) && width_ < 12) ++width_;
      } else {
        Emit(clear_);
        Reset();
      }
      prefix = c;
    }
    Emit(prefix);
    Finish();
  }

 private:
  static constexpr int kMaxCodes = 4096;

  void Reset() {
    width_ = min_ + 1;
    next_ = end_ + 1;
    for (int i = 0; i < clear_; ++i) child_[i] = -1;
  }

  int Find(int prefix, uint8_t c) const {
    for (int code = child_[prefix]; code >= 0; code = sibling_[code]) {
      if (byte_[code] == c) return code;
    }
    return -1;
  }

  void Add(int prefix, uint8_t c) {
    const int code = next_++;
    byte_[code] = c;
    child_[code] = -1;
    sibling_[code] = child_[prefix];
    child_[prefix] = static_cast<int16_t>(code);
  }

  void Emit(int code) {
    bits_ |= static_cast<uint32_t>(code) << nbits_;
    nbits_ += width_;
    while (nbits_ >= 8) {
      Byte(static_cast<uint8_t>(bits_ & 0xff));
      bits_ >>= 8;
      nbits_ -= 8;
    }
  }

  void Byte(uint8_t b) {
    block_[block_len_++] = b;
    if (block_len_ == 255) Flush();
  }

  void Flush() {
    if (block_len_ == 0) return;
    out_.push_back(static_cast<char>(block_len_));
    out_.append(reinterpret_cast<const char*>(block_.data()), block_len_);
    block_len_ = 0;
  }

  void Finish() {
    Emit(end_);
    if (nbits_ > 0) Byte(static_cast<uint8_t>(bits_ & 0xff));
    bits_ = 0;
    nbits_ = 0;
    Flush();
    out_.push_back('\0');  // block terminator
  }

  std::string& out_;
  const int min_;
  const int clear_;
  const int end_;
  int width_ = 0;
  int next_ = 0;
  uint32_t bits_ = 0;
  int nbits_ = 0;
  std::array<int16_t, kMaxCodes> child_{};
  std::array<int16_t, kMaxCodes> sibling_{};
  std::array<uint8_t, kMaxCodes> byte_{};
  std::array<uint8_t, 255> block_{};
  int block_len_ = 0;
};

void Le16(std::string& out, int v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>((v >> 8) & 0xff));
}

struct LiqDeleter {
  void operator()(liq_attr* p) const { liq_attr_destroy(p); }
  void operator()(liq_image* p) const { liq_image_destroy(p); }
  void operator()(liq_result* p) const { liq_result_destroy(p); }
};
template <typename T>
using Liq = std::unique_ptr<T, LiqDeleter>;

immagin::Error Failed(const char* what) {
  return immagin::Error{immagin::ErrorCode::kUnprocessable, "",
                        std::string("the image could not be processed into image/gif: ") + what};
}

// One frame: RGBA pixels → palette + indices → Graphic Control Extension, Image Descriptor,
// local colour table and LZW data.
immagin::Status WriteFrame(std::string& out, const uint8_t* rgba, int width, int height,
                           int delay_cs, bool animated) {
  Liq<liq_attr> attr(liq_attr_create());
  if (!attr) return Failed("quantiser");
  liq_set_speed(attr.get(), 4);
  Liq<liq_image> image(liq_image_create_rgba(attr.get(), rgba, width, height, 0));
  liq_result* raw = nullptr;
  if (!image || liq_image_quantize(image.get(), attr.get(), &raw) != LIQ_OK) {
    return Failed("quantising");
  }
  Liq<liq_result> result(raw);
  liq_set_dithering_level(result.get(), 1.0f);
  std::vector<uint8_t> indices(static_cast<size_t>(width) * height);
  if (liq_write_remapped_image(result.get(), image.get(), indices.data(), indices.size()) !=
      LIQ_OK) {
    return Failed("remapping");
  }
  const liq_palette* palette = liq_get_palette(result.get());
  // GIF has one fully transparent index: every entry under half opacity maps to it.
  int transparent = -1;
  std::array<uint8_t, 256> remap{};
  for (unsigned i = 0; i < palette->count; ++i) {
    remap[i] = static_cast<uint8_t>(i);
    if (palette->entries[i].a < 128) {
      if (transparent < 0) transparent = static_cast<int>(i);
      remap[i] = static_cast<uint8_t>(transparent);
    }
  }
  if (transparent >= 0) {
    for (uint8_t& index : indices) index = remap[index];
  }
  int bits = 1;
  while ((1u << bits) < palette->count) ++bits;

  out += "\x21\xf9\x04";  // Graphic Control Extension
  // Disposal 2 (restore to background) so transparent frames do not pile up.
  out.push_back(static_cast<char>((animated ? 2 << 2 : 0) | (transparent >= 0 ? 1 : 0)));
  Le16(out, delay_cs);
  out.push_back(static_cast<char>(transparent >= 0 ? transparent : 0));
  out.push_back('\0');
  out.push_back('\x2c');  // Image Descriptor, with a local colour table
  Le16(out, 0);
  Le16(out, 0);
  Le16(out, width);
  Le16(out, height);
  out.push_back(static_cast<char>(0x80 | (bits - 1)));
  for (int i = 0; i < (1 << bits); ++i) {
    const bool used = i < static_cast<int>(palette->count);
    out.push_back(static_cast<char>(used ? palette->entries[i].r : 0));
    out.push_back(static_cast<char>(used ? palette->entries[i].g : 0));
    out.push_back(static_cast<char>(used ? palette->entries[i].b : 0));
  }
  const int min_code_size = bits < 2 ? 2 : bits;
  out.push_back(static_cast<char>(min_code_size));
  LzwWriter(out, min_code_size).Write(indices.data(), indices.size());
  return {};
}

}  // namespace

immagin::Result<std::string> WriteGif(const Image& image) {
  Image rgba = image;
  if (!image.has_alpha()) {
    VipsImage* with_alpha = nullptr;
    auto added = Wrap(vips_bandjoin_const1(image.get(), &with_alpha, 255, nullptr), with_alpha,
                      "adding alpha for GIF");
    if (!added) return added.error();
    rgba = *added;
  }
  size_t size = 0;
  std::unique_ptr<uint8_t, decltype(&g_free)> pixels(
      static_cast<uint8_t*>(vips_image_write_to_memory(rgba.get(), &size)), &g_free);
  if (!pixels || rgba.bands() != 4) {
    return VipsError(immagin::ErrorCode::kUnprocessable,
                     "the image could not be processed into image/gif");
  }
  const int width = rgba.width();
  const int frame_height = rgba.page_height() > 0 ? rgba.page_height() : rgba.height();
  const int frames = rgba.height() / frame_height;
  int* delays = nullptr;
  int delay_count = 0;
  if (vips_image_get_typeof(image.get(), "delay") != 0) {
    vips_image_get_array_int(image.get(), "delay", &delays, &delay_count);
  }
  int loop = 0;
  if (vips_image_get_typeof(image.get(), "loop") != 0)
    vips_image_get_int(image.get(), "loop", &loop);

  std::string out = "GIF89a";
  Le16(out, width);
  Le16(out, frame_height);
  out += std::string("\0\0\0", 3);  // no global colour table, background 0, square pixels
  // libvips' "loop" counts plays (0: forever); NETSCAPE2.0 counts repeats, and without it
  // an animation plays once.
  if (frames > 1 && loop != 1) {
    out += "\x21\xff\x0bNETSCAPE2.0\x03\x01";
    Le16(out, loop == 0 ? 0 : loop - 1);
    out.push_back('\0');
  }
  const size_t frame_bytes = static_cast<size_t>(width) * frame_height * 4;
  for (int f = 0; f < frames; ++f) {
    const int delay_ms = f < delay_count ? delays[f] : 100;
    if (auto s = WriteFrame(out, pixels.get() + f * frame_bytes, width, frame_height,
                            (delay_ms + 5) / 10, frames > 1);
        !s) {
      return s.error();
    }
  }
  out.push_back('\x3b');  // trailer
  return out;
}

}  // namespace luna
