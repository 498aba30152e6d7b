// One step per edit of SPEC §4, each in its own file with the same shape:
//   Result<Image> Apply(const Image& frame, const XEdit& edit, const StepContext& context)
// A step sees one frame (animations are edited frame by frame) in 8-bit sRGB or B_W, with
// or without alpha. pipeline.cc composes them and owns the order.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "image.h"
#include "immagin/edit.h"

namespace luna {

// Memory one render's eager steps may hold (text masks, smart-crop copies): the lazy
// pipeline is bounded by the intermediate-size check, these allocations are not.
class EagerBudget {
 public:
  explicit EagerBudget(int64_t bytes) : left_(bytes) {}
  immagin::Status Take(int64_t bytes, std::string_view what);

 private:
  int64_t left_;
};

// Decoded overlays of the image layers, by key: upright, in the working space.
using OverlayImages = std::map<std::string, Image, std::less<>>;

struct StepContext {
  // The frame's size before shrink-on-load, for the first resize: proportional heights are
  // computed from the original's aspect ratio, not from the rounded shrunk size.
  std::optional<std::pair<int, int>> logical_size;
  EagerBudget* budget = nullptr;  // shared by every step and frame of the render
  // What a step may build on the way to its output (pipeline.cc checks the output itself).
  uint64_t max_intermediate_pixels = UINT64_MAX;
  int max_output_side = INT32_MAX;  // resize's dpr scales its box up to this, no further
  const OverlayImages* overlays = nullptr;
};

using immagin::Result;

Result<Image> Apply(const Image& frame, const immagin::ResizeEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::RotateEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::FlipEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::FlopEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::CropEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::ExtendEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::TrimEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::BlurEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::SharpenEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::GrayscaleEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::ModulateEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::TintEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::InvertEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::NormalizeEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::FlattenEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::TextEdit& edit, const StepContext& c);
Result<Image> Apply(const Image& frame, const immagin::ImageEdit& edit, const StepContext& c);

}  // namespace luna
