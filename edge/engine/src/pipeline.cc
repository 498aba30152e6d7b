// The order of Luna, in one place:
//   1. decode (size, format and pixel limits first; shrink-on-load when a resize follows)
//   2. per frame: working colour space → auto-orient → the edits in canonical order
//      (text layers come last in that order) → time and work limits checked between steps
//   3. frames joined back, output size limit
//   4. metadata stripped, encoded (libvips computes lazily, so the limits also run inside
//      this step and cancel the computation; render_limit.h)
#include <algorithm>
#include <cmath>
#include <optional>

#include "colour_normalise.h"
#include "decode.h"
#include "edits/edit_steps.h"
#include "encode.h"
#include "luna/engine.h"
#include "render_limit.h"

namespace luna {
namespace {

using immagin::Error;
using immagin::ErrorCode;
uint64_t Pixels(const Image& image) {
  return static_cast<uint64_t>(image.width()) * static_cast<uint64_t>(image.height());
}

// Operations that read pixels out of order rule out sequential decoding.
bool NeedsRandomAccess(const immagin::Edit& edit) {
  if (const auto* resize = std::get_if<immagin::ResizeEdit>(&edit)) {
    return resize->position == immagin::Position::kEntropy ||
           resize->position == immagin::Position::kAttention;
  }
  return std::holds_alternative<immagin::RotateEdit>(edit) ||
         std::holds_alternative<immagin::FlipEdit>(edit) ||
         std::holds_alternative<immagin::TrimEdit>(edit) ||
         std::holds_alternative<immagin::NormalizeEdit>(edit);
}

// JPEG and WebP can decode at 1/2, 1/4 or 1/8 size. Used when the first edit is a resize that
// shrinks, with the largest factor that keeps the decoded image at least the target size
// (what sharp does by default, `fastShrinkOnLoad`); the final resample does the rest.
int ShrinkOnLoadFor(const immagin::EditList& edits, int width, int height, int orientation) {
  if (edits.edits.empty()) return 1;
  const auto* resize = std::get_if<immagin::ResizeEdit>(&edits.edits.front());
  if (resize == nullptr || !resize->downscale) return 1;
  if (edits.auto_orient && orientation >= 5) std::swap(width, height);
  // With the full dpr: capping it only lowers the scale, so the shrink stays safe.
  double scale = resize->dpr * resize->width / width;
  if (resize->height) {
    const double sy = resize->dpr * *resize->height / height;
    const bool fills = resize->fit == immagin::Fit::kCover ||
                       resize->fit == immagin::Fit::kOutside || resize->fit == immagin::Fit::kFill;
    scale = fills ? std::max(scale, sy) : std::min(scale, sy);
  }
  for (const int factor : {8, 4, 2}) {
    if (scale * factor <= 1.0) return factor;
  }
  return 1;
}

// Lazy steps allocate nothing until the encoder pulls pixels through them, so a step's
// output size is known before any of its work runs: refuse what would exceed the bound
// instead of computing a huge intermediate that a later resize would shrink again.
immagin::Status CheckIntermediate(const Image& frame, uint64_t max_pixels,
                                  const EngineConfig& config) {
  const uint64_t pixels = static_cast<uint64_t>(frame.width()) * frame.height();
  if (pixels <= max_pixels) return {};
  return Error{ErrorCode::kUnprocessable, "edits",
               "the edits would make a " + std::to_string(frame.width()) + "x" +
                   std::to_string(frame.height()) +
                   " intermediate image; no step may exceed the output limit (" +
                   std::to_string(config.max_output_dimension) +
                   " pixels per side) or the "
                   "original's size"};
}

std::vector<Image> SplitFrames(const Image& image) {
  const int pages = image.pages();
  if (pages <= 1) return {image};
  std::vector<Image> frames;
  const int ph = image.page_height();
  for (int i = 0; i < pages; ++i) {
    VipsImage* frame = nullptr;
    if (vips_extract_area(image.get(), &frame, 0, i * ph, image.width(), ph, nullptr) != 0) {
      vips_error_clear();
      return {};
    }
    frames.emplace_back(frame);
  }
  return frames;
}

immagin::Result<Image> JoinFrames(std::vector<Image>& frames, const Image& original) {
  if (frames.size() == 1) return frames.front();
  std::vector<VipsImage*> raw;
  for (const Image& f : frames) {
    if (f.width() != frames[0].width() || f.height() != frames[0].height() ||
        f.bands() != frames[0].bands()) {
      return Error{ErrorCode::kUnprocessable, "",
                   "the edits give the frames of this animation different sizes"};
    }
    raw.push_back(f.get());
  }
  VipsImage* joined = nullptr;
  auto strip =
      Wrap(vips_arrayjoin(raw.data(), &joined, static_cast<int>(raw.size()), "across", 1, nullptr),
           joined, "joining frames");
  if (!strip) return strip;
  VipsImage* copy = nullptr;
  auto out = Wrap(vips_copy(strip->get(), &copy, nullptr), copy, "joining frames");
  if (!out) return out;
  vips_image_set_int(out->get(), VIPS_META_PAGE_HEIGHT, frames[0].height());
  // Timing travels with the animation.
  for (const char* field : {"delay", "loop", "gif-delay"}) {
    GValue value{};
    if (vips_image_get_typeof(original.get(), field) != 0 &&
        vips_image_get(original.get(), field, &value) == 0) {
      vips_image_set(out->get(), field, &value);
      g_value_unset(&value);
    }
  }
  return out;
}

// The overlays the image layers name, decoded (first frame), upright and in the working
// space, each under the input limits of an original, and all of them together with the
// original under its pixel limit (checked from the headers before any of them is decoded):
// four overlays must not cost four originals.
immagin::Result<OverlayImages> DecodeOverlays(const immagin::EditList& edits,
                                              const Overlays& overlays, uint64_t original_pixels,
                                              const EngineConfig& config) {
  std::vector<std::pair<std::string, std::span<const uint8_t>>> used;
  uint64_t pixels = original_pixels;
  for (const std::string& key : immagin::OverlayKeys(edits.edits)) {
    const auto supplied = std::find_if(overlays.begin(), overlays.end(),
                                       [&](const auto& entry) { return entry.first == key; });
    if (supplied == overlays.end()) continue;  // the layer answers 404 for it
    auto header = OpenHeader(supplied->second, config);
    if (!header) {
      immagin::Error error = header.error();
      error.message = "the image layer \"" + key + "\": " + error.message;
      return error;
    }
    pixels += static_cast<uint64_t>(header->image.width()) * header->image.height();
    if (pixels > config.max_input_pixels) {
      return Error{ErrorCode::kUnprocessable, "edits",
                   "the original and its image layers' overlays hold " +
                       std::to_string(pixels / 1'000'000) + " Mpx together; the limit is " +
                       std::to_string(config.max_input_pixels / 1'000'000) + " Mpx"};
    }
    used.emplace_back(key, supplied->second);
  }
  OverlayImages decoded;
  for (const auto& [key, bytes] : used) {
    auto overlay = Decode(bytes, DecodeOptions{}, config);
    if (!overlay) {
      immagin::Error error = overlay.error();
      error.message = "the image layer \"" + key + "\": " + error.message;
      return error;
    }
    auto working = ToWorkingSpace(overlay->image);
    if (!working) return working.error();
    Image upright = *working;
    if (vips_image_get_orientation(upright.get()) > 1) {
      VipsImage* out = nullptr;
      auto rotated = Wrap(vips_autorot(upright.get(), &out, nullptr), out, "auto-orienting");
      if (!rotated) return rotated.error();
      upright = *rotated;
    }
    decoded.emplace(key, std::move(upright));
  }
  return decoded;
}

}  // namespace

immagin::Result<Rendered> Transform(std::span<const uint8_t> original,
                                    const immagin::EditList& edits,
                                    const immagin::OutputOptions& requested,
                                    const EngineConfig& config, const Overlays& overlays) {
  RenderLimit limit(config);
  immagin::OutputOptions output = requested;
  if (output.format == immagin::OutputFormat::kAuto) output.format = immagin::OutputFormat::kWebp;

  // 1. Decode.
  auto header = OpenHeader(original, config);
  if (!header) return header.error();
  const int orientation = vips_image_get_orientation(header->image.get());
  DecodeOptions options;
  options.all_frames = CanAnimate(output.format) && output.animated;
  options.sequential = header->image.pages() == 1 && (orientation <= 1 || !edits.auto_orient) &&
                       std::none_of(edits.edits.begin(), edits.edits.end(), NeedsRandomAccess);
  // Not for animations: libvips 8.14 keeps the unscaled page height when WebP frames are
  // scaled on load.
  if ((header->format == "jpeg" || header->format == "webp") && header->image.pages() == 1) {
    options.shrink =
        ShrinkOnLoadFor(edits, header->image.width(), header->image.height(), orientation);
  }
  auto decoded = Decode(original, options, config);
  if (!decoded) return decoded.error();
  const Image& image = decoded->image;

  auto overlay_images =
      DecodeOverlays(edits, overlays,
                     static_cast<uint64_t>(header->image.width()) * header->image.height(), config);
  if (!overlay_images) return overlay_images.error();

  // 2. Edit each frame.
  std::vector<Image> frames = SplitFrames(image);
  if (frames.empty()) return VipsError(ErrorCode::kInternal, "splitting frames");
  const uint64_t max_side = static_cast<uint64_t>(config.max_output_dimension);
  const uint64_t max_intermediate =
      std::max(max_side * max_side, static_cast<uint64_t>(frames.front().width()) *
                                        static_cast<uint64_t>(frames.front().height()));
  EagerBudget budget(config.max_eager_bytes);
  // The work of computing a frame (render_limit.h): its decoded pixels and every step's
  // output; `work` is that of all frames so far, the overlays (decoded once) included.
  uint64_t work = 0;
  for (const auto& [key, overlay] : *overlay_images) work += Pixels(overlay);
  for (Image& frame : frames) {
    const uint64_t before = work;
    uint64_t cost = Pixels(frame);
    auto working = ToWorkingSpace(frame);
    if (!working) return working.error();
    if (working->get() != frame.get()) cost += Pixels(*working);
    frame = *working;
    if (edits.auto_orient && orientation > 1) {
      VipsImage* upright = nullptr;
      auto oriented = Wrap(vips_autorot(frame.get(), &upright, nullptr), upright, "auto-orienting");
      if (!oriented) return oriented.error();
      frame = *oriented;
      cost += Pixels(frame);
    }
    StepContext context;
    context.budget = &budget;
    context.max_intermediate_pixels = max_intermediate;
    context.max_output_side = config.max_output_dimension;
    context.overlays = &*overlay_images;
    if (options.shrink > 1) {
      const bool swapped = edits.auto_orient && orientation >= 5;
      context.logical_size = swapped ? std::pair{header->image.height(), header->image.width()}
                                     : std::pair{header->image.width(), header->image.height()};
    }
    if (auto s = limit.Afford(before + cost); !s) return s.error();
    for (const immagin::Edit& edit : edits.edits) {
      if (auto s = limit.Check(); !s) return s.error();
      // Eager steps (normalize's histogram, trim's search, smart-crop copies) compute their
      // input inside Apply; its progress signal lets the limits cancel them there too.
      limit.Watch(frame, cost);
      auto next = std::visit(
          [&](const auto& e) -> immagin::Result<Image> { return Apply(frame, e, context); }, edit);
      if (auto s = limit.Check(); !s) return s.error();
      if (!next) return next.error();
      if (auto s = CheckIntermediate(*next, max_intermediate, config); !s) return s.error();
      cost += Pixels(*next);
      // Lazy steps have done nothing yet: refuse the chain before any of it runs.
      if (auto s = limit.Afford(before + cost); !s) return s.error();
      frame = *next;
      context.logical_size.reset();
    }
    work = before + cost;
  }

  // 3. Join, check the size.
  auto joined = JoinFrames(frames, image);
  if (!joined) return joined.error();
  const int frame_height = frames.front().height();
  if (joined->width() > config.max_output_dimension || frame_height > config.max_output_dimension) {
    return Error{ErrorCode::kUnprocessable, "",
                 "the output would be " + std::to_string(joined->width()) + "x" +
                     std::to_string(frame_height) + "; the limit is " +
                     std::to_string(config.max_output_dimension) + " pixels per side"};
  }

  // 4. Encode under the limits: every frame's chain, the join and the encoder's own pass.
  auto clean = WithoutMetadata(*joined);
  if (!clean) return clean.error();
  uint64_t cost = work + Pixels(*clean);
  if (frames.size() > 1) cost += Pixels(*joined);
  if (auto s = limit.Afford(cost); !s) return s.error();
  limit.Watch(*clean, cost);
  auto bytes = Encode(*clean, output, config);
  if (!bytes) {
    if (auto s = limit.Check(); !s) return s.error();
    return bytes.error();
  }
  Rendered rendered;
  rendered.bytes = std::move(*bytes);
  rendered.format = output.format;
  rendered.content_type = ContentType(output.format);
  rendered.width = joined->width();
  rendered.height = frame_height;
  rendered.frames = static_cast<int>(frames.size());
  return rendered;
}

}  // namespace luna
