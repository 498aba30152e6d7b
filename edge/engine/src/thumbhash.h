// ThumbHash (Evan Wallace's public algorithm, https://evanw.github.io/thumbhash/): a ~25-byte
// placeholder of an image's colours, alpha and aspect ratio, and its decoder. Written for the
// project from the published description; the tests pin it to the `thumbhash` npm package.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace luna {

// Images of at most this many pixels per side are hashed (larger ones are scaled down first).
inline constexpr int kThumbHashMaxSide = 100;

// `rgba` holds width×height 8-bit RGBA pixels, row by row; both sides 1..kThumbHashMaxSide.
std::vector<uint8_t> ThumbHashFromRgba(int width, int height, std::span<const uint8_t> rgba);

struct ThumbHashImage {
  int width = 0;  // at most 32 per side, in the hash's aspect ratio
  int height = 0;
  std::vector<uint8_t> rgba;
};

// The placeholder a hash stands for; a hash shorter than its header gives an empty image.
ThumbHashImage ThumbHashToRgba(std::span<const uint8_t> hash);

}  // namespace luna
