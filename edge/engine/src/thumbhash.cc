#include "thumbhash.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace luna {
namespace {

constexpr double kPi = std::numbers::pi;

// JavaScript's Math.round (halves up), so the bytes match the reference implementation.
int Round(double v) { return static_cast<int>(std::floor(v + 0.5)); }

struct Channel {
  double dc = 0;
  std::vector<double> ac;  // scaled to 0..1
  double scale = 0;
};

// The low-frequency DCT coefficients of one channel, in the triangle cx·ny < nx·(ny − cy).
Channel EncodeChannel(const std::vector<double>& pixels, int w, int h, int nx, int ny) {
  Channel c;
  std::vector<double> fx(w);
  for (int cy = 0; cy < ny; ++cy) {
    for (int cx = 0; cx * ny < nx * (ny - cy); ++cx) {
      for (int x = 0; x < w; ++x) fx[x] = std::cos(kPi / w * cx * (x + 0.5));
      double f = 0;
      for (int y = 0; y < h; ++y) {
        const double fy = std::cos(kPi / h * cy * (y + 0.5));
        for (int x = 0; x < w; ++x) f += pixels[x + y * w] * fx[x] * fy;
      }
      f /= w * h;
      if (cx > 0 || cy > 0) {
        c.ac.push_back(f);
        c.scale = std::max(c.scale, std::abs(f));
      } else {
        c.dc = f;
      }
    }
  }
  if (c.scale > 0) {
    for (double& f : c.ac) f = 0.5 + 0.5 / c.scale * f;
  }
  return c;
}

struct Shape {
  bool has_alpha = false;
  bool landscape = false;
  int lx = 0;  // luminance coefficients across and down
  int ly = 0;
};

Shape ShapeOf(std::span<const uint8_t> hash) {
  Shape s;
  s.has_alpha = (hash[2] & 0x80) != 0;
  s.landscape = (hash[4] & 0x80) != 0;
  const int stored = hash[3] & 7;
  const int longer = s.has_alpha ? 5 : 7;
  s.lx = s.landscape ? longer : stored;
  s.ly = s.landscape ? stored : longer;
  return s;
}

}  // namespace

std::vector<uint8_t> ThumbHashFromRgba(int w, int h, std::span<const uint8_t> rgba) {
  const size_t n = static_cast<size_t>(w) * h;
  // The average colour, weighted by alpha: what transparent pixels are blended towards.
  double avg_r = 0, avg_g = 0, avg_b = 0, avg_a = 0;
  for (size_t i = 0; i < n; ++i) {
    const double alpha = rgba[i * 4 + 3] / 255.0;
    avg_r += alpha / 255 * rgba[i * 4];
    avg_g += alpha / 255 * rgba[i * 4 + 1];
    avg_b += alpha / 255 * rgba[i * 4 + 2];
    avg_a += alpha;
  }
  if (avg_a > 0) {
    avg_r /= avg_a;
    avg_g /= avg_a;
    avg_b /= avg_a;
  }
  const bool has_alpha = avg_a < static_cast<double>(n);
  const int l_limit = has_alpha ? 5 : 7;
  const int longest = std::max(w, h);
  const int lx = std::max(1, Round(static_cast<double>(l_limit) * w / longest));
  const int ly = std::max(1, Round(static_cast<double>(l_limit) * h / longest));

  // Luminance, yellow–blue, red–green and alpha.
  std::vector<double> l(n), p(n), q(n), a(n);
  for (size_t i = 0; i < n; ++i) {
    const double alpha = rgba[i * 4 + 3] / 255.0;
    const double r = avg_r * (1 - alpha) + alpha / 255 * rgba[i * 4];
    const double g = avg_g * (1 - alpha) + alpha / 255 * rgba[i * 4 + 1];
    const double b = avg_b * (1 - alpha) + alpha / 255 * rgba[i * 4 + 2];
    l[i] = (r + g + b) / 3;
    p[i] = (r + g) / 2 - b;
    q[i] = r - g;
    a[i] = alpha;
  }
  const Channel lc = EncodeChannel(l, w, h, std::max(3, lx), std::max(3, ly));
  const Channel pc = EncodeChannel(p, w, h, 3, 3);
  const Channel qc = EncodeChannel(q, w, h, 3, 3);
  const Channel ac = has_alpha ? EncodeChannel(a, w, h, 5, 5) : Channel{};

  const bool landscape = w > h;
  const uint32_t header24 = static_cast<uint32_t>(Round(63 * lc.dc)) |
                            (static_cast<uint32_t>(Round(31.5 + 31.5 * pc.dc)) << 6) |
                            (static_cast<uint32_t>(Round(31.5 + 31.5 * qc.dc)) << 12) |
                            (static_cast<uint32_t>(Round(31 * lc.scale)) << 18) |
                            (static_cast<uint32_t>(has_alpha) << 23);
  const uint32_t header16 = static_cast<uint32_t>(landscape ? ly : lx) |
                            (static_cast<uint32_t>(Round(63 * pc.scale)) << 3) |
                            (static_cast<uint32_t>(Round(63 * qc.scale)) << 9) |
                            (static_cast<uint32_t>(landscape) << 15);
  std::vector<uint8_t> hash = {
      static_cast<uint8_t>(header24 & 255), static_cast<uint8_t>((header24 >> 8) & 255),
      static_cast<uint8_t>(header24 >> 16), static_cast<uint8_t>(header16 & 255),
      static_cast<uint8_t>(header16 >> 8)};
  if (has_alpha)
    hash.push_back(static_cast<uint8_t>(Round(15 * ac.dc) | (Round(15 * ac.scale) << 4)));
  // The AC coefficients, two 4-bit values per byte.
  const size_t ac_start = hash.size();
  size_t index = 0;
  for (const Channel* c : {&lc, &pc, &qc, &ac}) {
    for (const double f : c->ac) {
      const size_t at = ac_start + (index >> 1);
      if (at >= hash.size()) hash.push_back(0);
      hash[at] |= static_cast<uint8_t>(Round(15 * f) << ((index & 1) << 2));
      ++index;
    }
  }
  return hash;
}

ThumbHashImage ThumbHashToRgba(std::span<const uint8_t> hash) {
  if (hash.size() < 5) return {};
  const uint32_t header24 = hash[0] | (hash[1] << 8) | (hash[2] << 16);
  const uint32_t header16 = hash[3] | (hash[4] << 8);
  const double l_dc = (header24 & 63) / 63.0;
  const double p_dc = ((header24 >> 6) & 63) / 31.5 - 1;
  const double q_dc = ((header24 >> 12) & 63) / 31.5 - 1;
  const double l_scale = ((header24 >> 18) & 31) / 31.0;
  const Shape shape = ShapeOf(hash);
  const bool has_alpha = shape.has_alpha;
  const double p_scale = ((header16 >> 3) & 63) / 63.0;
  const double q_scale = ((header16 >> 9) & 63) / 63.0;
  const int lx = std::max(3, shape.lx);
  const int ly = std::max(3, shape.ly);
  if (has_alpha && hash.size() < 6) return {};
  const double a_dc = has_alpha ? (hash[5] & 15) / 15.0 : 1;
  const double a_scale = has_alpha ? (hash[5] >> 4) / 15.0 : 0;

  size_t index = 0;
  const size_t ac_start = has_alpha ? 6 : 5;
  const auto decode = [&](int nx, int ny, double scale) {
    std::vector<double> ac;
    for (int cy = 0; cy < ny; ++cy) {
      for (int cx = cy > 0 ? 0 : 1; cx * ny < nx * (ny - cy); ++cx) {
        const size_t at = ac_start + (index >> 1);
        const int nibble = at < hash.size() ? (hash[at] >> ((index & 1) << 2)) & 15 : 0;
        ac.push_back((nibble / 7.5 - 1) * scale);
        ++index;
      }
    }
    return ac;
  };
  const std::vector<double> l_ac = decode(lx, ly, l_scale);
  const std::vector<double> p_ac = decode(3, 3, p_scale * 1.25);
  const std::vector<double> q_ac = decode(3, 3, q_scale * 1.25);
  const std::vector<double> a_ac = has_alpha ? decode(5, 5, a_scale) : std::vector<double>{};

  const double ratio = static_cast<double>(shape.lx) / shape.ly;
  ThumbHashImage out;
  out.width = Round(ratio > 1 ? 32 : 32 * ratio);
  out.height = Round(ratio > 1 ? 32 / ratio : 32);
  out.rgba.resize(static_cast<size_t>(out.width) * out.height * 4);
  const int n_fx = std::max(lx, has_alpha ? 5 : 3);
  const int n_fy = std::max(ly, has_alpha ? 5 : 3);
  std::vector<double> fx(n_fx), fy(n_fy);
  size_t i = 0;
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x, i += 4) {
      double l = l_dc, p = p_dc, q = q_dc, a = a_dc;
      for (int cx = 0; cx < n_fx; ++cx) fx[cx] = std::cos(kPi / out.width * (x + 0.5) * cx);
      for (int cy = 0; cy < n_fy; ++cy) fy[cy] = std::cos(kPi / out.height * (y + 0.5) * cy);
      for (int cy = 0, j = 0; cy < ly; ++cy) {
        const double fy2 = fy[cy] * 2;
        for (int cx = cy > 0 ? 0 : 1; cx * ly < lx * (ly - cy); ++cx, ++j) {
          l += l_ac[j] * fx[cx] * fy2;
        }
      }
      for (int cy = 0, j = 0; cy < 3; ++cy) {
        const double fy2 = fy[cy] * 2;
        for (int cx = cy > 0 ? 0 : 1; cx < 3 - cy; ++cx, ++j) {
          const double f = fx[cx] * fy2;
          p += p_ac[j] * f;
          q += q_ac[j] * f;
        }
      }
      if (has_alpha) {
        for (int cy = 0, j = 0; cy < 5; ++cy) {
          const double fy2 = fy[cy] * 2;
          for (int cx = cy > 0 ? 0 : 1; cx < 5 - cy; ++cx, ++j) a += a_ac[j] * fx[cx] * fy2;
        }
      }
      const double b = l - 2.0 / 3 * p;
      const double r = (3 * l - b + q) / 2;
      const double g = r - q;
      // Stored like the reference's Uint8Array: clamped to 0..255, then truncated.
      const auto byte = [](double v) {
        return static_cast<uint8_t>(std::max(0.0, 255 * std::min(1.0, v)));
      };
      out.rgba[i] = byte(r);
      out.rgba[i + 1] = byte(g);
      out.rgba[i + 2] = byte(b);
      out.rgba[i + 3] = byte(a);
    }
  }
  return out;
}

}  // namespace luna
