// What one render's computation may spend: wall-clock time (deadline_ms) and work, in pixels
// processed (max_work_pixels). The clock alone is not enough: in Workers, Date.now() and
// performance.now() stand still inside a synchronous call, so a deadline read through WASI
// never passes there; the pixel count advances on every host.
//
// Work is estimated per step: computing an image costs the pixels of every step of its
// chain (decoded pixels, then each step's output). libvips computes lazily, so that cost is
// paid when an image is computed (an eager step's input, the encoder's image), and counted
// as it happens through libvips' progress signal (the computed fraction of the cost); past
// either bound the computation is cancelled (vips_image_set_kill). Afford() refuses work
// that cannot fit before any of it runs.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "image.h"
#include "luna/engine_config.h"

namespace luna {

class RenderLimit {
 public:
  explicit RenderLimit(const EngineConfig& config);
  ~RenderLimit();
  RenderLimit(const RenderLimit&) = delete;
  RenderLimit& operator=(const RenderLimit&) = delete;

  // From now on, every computation of `image` counts towards the work as `cost` pixels
  // when complete, and is cancelled once either bound has passed.
  void Watch(const Image& image, uint64_t cost);
  // The bound that has passed, as the render's error (422), if any.
  immagin::Status Check() const;
  // Check(), and refuses `cost` more pixels of work beyond what is done if they would
  // exceed max_work_pixels.
  immagin::Status Afford(uint64_t cost) const;

  uint64_t work_done() const { return done_; }

 private:
  struct Watched {
    RenderLimit* limit;
    Image image;
    uint64_t cost;
    uint64_t sink_cost = 0;  // of the computation running now: see OnPreeval
    uint64_t counted = 0;    // of sink_cost
    bool killed = false;     // by us, in the computation running now
    gulong handlers[3] = {0, 0, 0};
  };
  static void OnPreeval(VipsImage* image, VipsProgress* progress, void* user);
  static void OnEval(VipsImage* image, VipsProgress* progress, void* user);
  static void OnPosteval(VipsImage* image, VipsProgress* progress, void* user);
  void Count(Watched& w, uint64_t counted);
  bool Passed() const;

  const EngineConfig& config_;
  std::chrono::steady_clock::time_point deadline_;
  uint64_t done_ = 0;
  std::vector<std::unique_ptr<Watched>> watched_;  // stable addresses: the signals' user data
};

}  // namespace luna
