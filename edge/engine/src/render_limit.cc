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
  // Off then on: an image made from a watched one inherits that one's signal, and keeps it
  // when only switched on; its computations must reach this image's handlers instead.
  vips_image_set_progress(image.get(), FALSE);
  vips_image_set_progress(image.get(), TRUE);
  w.handlers[0] = g_signal_connect(image.get(), "preeval", G_CALLBACK(OnPreeval), &w);
  w.handlers[1] = g_signal_connect(image.get(), "eval", G_CALLBACK(OnEval), &w);
  w.handlers[2] = g_signal_connect(image.get(), "posteval", G_CALLBACK(OnPosteval), &w);
}

// A computation of the image, or of one made from it (the progress signal is inherited):
// each pays the cost again, scaled by its size, since what is computed from a smaller image
// (a histogram's statistics, say) mostly does not pull the image's own chain again.
void RenderLimit::OnPreeval(VipsImage* image, VipsProgress* progress, void* user) {
  auto& w = *static_cast<Watched*>(user);
  const double pixels = static_cast<double>(vips_image_get_width(image)) *
                        static_cast<double>(vips_image_get_height(image));
  const double scale =
      pixels > 0 ? std::min(1.0, static_cast<double>(progress->tpels) / pixels) : 1.0;
  w.sink_cost = static_cast<uint64_t>(scale * static_cast<double>(w.cost));
  w.counted = 0;
  w.killed = false;
}

// libvips calls this as it computes (after each tile, on the thread that asked for the
// image); the computed fraction of the image's cost counts as done.
void RenderLimit::OnEval(VipsImage* image, VipsProgress* progress, void* user) {
  auto& w = *static_cast<Watched*>(user);
  if (progress->tpels > 0) {
    const double fraction =
        std::min(1.0, static_cast<double>(progress->npels) / static_cast<double>(progress->tpels));
    w.limit->Count(w, static_cast<uint64_t>(fraction * static_cast<double>(w.sink_cost)));
  }
  if (w.limit->Passed()) {
    w.killed = true;
    vips_image_set_kill(image, TRUE);
  }
}

// The last eval can come before the last tiles are done (threads): a computation that ran
// to its end cost all of it.
void RenderLimit::OnPosteval(VipsImage*, VipsProgress*, void* user) {
  auto& w = *static_cast<Watched*>(user);
  if (!w.killed) w.limit->Count(w, w.sink_cost);
}

void RenderLimit::Count(Watched& w, uint64_t counted) {
  if (counted <= w.counted) return;  // evals may repeat a count
  done_ += counted - w.counted;
  w.counted = counted;
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
