// Limits and tuning of the Luna engine: one struct, validated once at start.
#pragma once

#include <cstddef>
#include <cstdint>

#include <vector>

#include "immagin/settings.h"
#include "immagin/status.h"

namespace luna {

struct EngineConfig {
  // Protective limits; every breach is a clear 4xx, never a crash or a hang.
  size_t max_input_bytes = 50u << 20;       // bytes of the original
  uint64_t max_input_pixels = 100'000'000;  // width × height × frames, from the header
  int max_output_dimension = 8192;          // output width and height
  int max_frames = 200;                     // frames of an animated input
  int deadline_ms = 15'000;                 // processing time before the work is cancelled
  // Pixels the computation of one render may process (every step's output, counted as
  // libvips computes; src/render_limit.h): the deadline that holds in Workers, whose clock
  // stands still inside a call. 300 Mpx: a 100 Mpx original through three full-size steps;
  // ~15 s natively at the slowest measured mix, ~2 min of CPU in luna.wasm (wrangler.toml).
  uint64_t max_work_pixels = 300'000'000;
  // Memory the eager steps of one render may hold (text masks, smart-crop copies). The lazy
  // steps are bounded instead by their size: no step may make an image of more pixels than
  // max_output_dimension² or the decoded original, whichever is larger.
  int64_t max_eager_bytes = int64_t{256} << 20;
  // AVIF encode effort 0 (fast) to 9 (small). libheif's default is 4; a cache miss at the
  // edge is latency a user waits for, so the default trades some size for speed.
  int avif_effort = 2;

  // Overrides from the environment (EngineSettings); invalid values are errors.
  static immagin::Result<EngineConfig> FromEnvironment();
  immagin::Status Validate() const;
};

// LUNA_MAX_INPUT_BYTES, LUNA_MAX_INPUT_PIXELS, LUNA_MAX_OUTPUT_DIMENSION, LUNA_MAX_FRAMES,
// LUNA_DEADLINE_MS, LUNA_MAX_WORK_PIXELS, LUNA_MAX_EAGER_BYTES, LUNA_AVIF_EFFORT.
const std::vector<immagin::Setting<EngineConfig>>& EngineSettings();

}  // namespace luna
