#include "render_limit.h"

#include <algorithm>
#include <string>

namespace luna {

using Clock = std::chrono::steady_clock;

RenderLimit::RenderLimit(const EngineConfig& config)
    : config_(config), deadline_(Clock::now() + std::chrono::milliseconds(config.deadline_ms)) {}

RenderLimit::~RenderLimit() {
  // The images may outlive the render (a caller's reference): their signals must not reach
  // this object afterwards.
  for (const auto& w : watched_) {
    for (const gulong handler : w->handlers) g_signal_handler_disconnect(w->image.get(), handler);
  }
}

void RenderLimit::Watch(const Image& image, uint64_t cost) {
  for (const auto& w : watched_) {
    if (w->image.get() == image.get()) {  // a step that answered its input as it was
      w->cost = cost;
      return;
    }
  }
  auto& w = *watched_.emplace_back(std::make_unique<Watched>(Watched{this, image, cost}));
  vips_image_set_progress(image.get(), TRUE);
  w.handlers[0] = g_signal_connect(image.get(), "preeval", G_CALLBACK(OnPreeval), &w);
  w.handlers[1] = g_signal_connect(image.get(), "eval", G_CALLBACK(OnEval), &w);
}

void RenderLimit::OnPreeval(VipsImage*, VipsProgress*, void* user) {
  static_cast<Watched*>(user)->counted = 0;  // each computation pays the whole cost again
}

// libvips calls this as it computes (after each tile, on the thread that asked for the
// image); the computed fraction of the image's cost counts as done.
void RenderLimit::OnEval(VipsImage* image, VipsProgress* progress, void* user) {
  auto& w = *static_cast<Watched*>(user);
  if (progress->tpels > 0) {
    const double fraction =
        std::min(1.0, static_cast<double>(progress->npels) / static_cast<double>(progress->tpels));
    const auto counted = static_cast<uint64_t>(fraction * static_cast<double>(w.cost));
    if (counted > w.counted) {
      w.limit->done_ += counted - w.counted;
      w.counted = counted;
    }
  }
  if (w.limit->Passed()) vips_image_set_kill(image, TRUE);
}

bool RenderLimit::Passed() const {
  return done_ > config_.max_work_pixels || Clock::now() > deadline_;
}

immagin::Status RenderLimit::Check() const { return Afford(0); }

immagin::Status RenderLimit::Afford(uint64_t cost) const {
  if (Clock::now() > deadline_) {
    return immagin::Error{
        immagin::ErrorCode::kUnprocessable, "",
        "processing took longer than the " + std::to_string(config_.deadline_ms) + " ms deadline"};
  }
  if (done_ > config_.max_work_pixels || cost > config_.max_work_pixels - done_) {
    return immagin::Error{immagin::ErrorCode::kUnprocessable, "",
                          "processing this image would take more than the work limit of " +
                              std::to_string(config_.max_work_pixels) +
                              " pixels processed (LUNA_MAX_WORK_PIXELS)"};
  }
  return {};
}

}  // namespace luna
