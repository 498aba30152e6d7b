// resize: the five fits of sharp (cover, contain, fill, inside, outside), crop positions
// including libvips' smartcrop (entropy, attention) and a focal point, contain's background,
// and the upscale/downscale switches.
#include <algorithm>
#include <cmath>

#include "edit_steps.h"

namespace luna {
namespace {

using immagin::Fit;
using immagin::Position;

int Round(double v) { return std::max(1, static_cast<int>(std::lround(v))); }

Result<Image> Scale(const Image& in, int width, int height) {
  if (width == in.width() && height == in.height()) return in;
  const double hscale = static_cast<double>(width) / in.width();
  const double vscale = static_cast<double>(height) / in.height();
  VipsImage* out = nullptr;
  auto scaled =
      Wrap(vips_resize(in.get(), &out, hscale, "vscale", vscale, nullptr), out, "resizing");
  if (!scaled || (scaled->width() == width && scaled->height() == height)) return scaled;
  // libvips rounds its output size itself; settle the last pixel exactly.
  VipsImage* fixed = nullptr;
  return Wrap(
      vips_embed(scaled->get(), &fixed, 0, 0, width, height, "extend", VIPS_EXTEND_COPY, nullptr),
      fixed, "resizing");
}

// Smart crops read from memory up to this many pixels (4 MP: 16 MB as RGBA).
constexpr int64_t kSmartcropInMemory = 4'000'000;

// Top-left corner of a w×h box placed inside W×H by `position` (center for smart ones).
std::pair<int, int> Place(Position position, int w, int h, int W, int H) {
  int left = (W - w) / 2;
  int top = (H - h) / 2;
  switch (position) {
    case Position::kTop: top = 0; break;
    case Position::kBottom: top = H - h; break;
    case Position::kLeft: left = 0; break;
    case Position::kRight: left = W - w; break;
    default: break;
  }
  return {left, top};
}

// Top-left corner of a w×h box inside W×H that puts `focus` as near its centre as fits;
// {0.5, 0.5} lands exactly where Place's centre does.
std::pair<int, int> PlaceAround(immagin::FocalPoint focus, int w, int h, int W, int H) {
  const auto start = [](double point, int box, int whole) {
    const int wanted = static_cast<int>(std::floor(point * whole - box / 2.0));
    return std::clamp(wanted, 0, whole - box);
  };
  return {start(focus.x, w, W), start(focus.y, h, H)};
}

Result<Image> Cover(const Image& in, int w, int h, const immagin::ResizeEdit& edit,
                    const StepContext& c) {
  const Position position = edit.position;
  w = std::min(w, in.width());
  h = std::min(h, in.height());
  if (w == in.width() && h == in.height()) return in;
  VipsImage* out = nullptr;
  if (edit.focus) {
    const auto [left, top] = PlaceAround(*edit.focus, w, h, in.width(), in.height());
    return Wrap(vips_extract_area(in.get(), &out, left, top, w, h, nullptr), out, "cropping");
  }
  if (position == Position::kEntropy || position == Position::kAttention) {
    const VipsInteresting interesting =
        position == Position::kEntropy ? VIPS_INTERESTING_ENTROPY : VIPS_INTERESTING_ATTENTION;
    // smartcrop reads its input many times over; from memory, the resize before it runs
    // once (in wasm, without that, attention took 50 times as long). The input is already
    // scaled to cover the box; boxes past kSmartcropInMemory pixels stay lazy.
    Image source = in;
    const int64_t pixels = static_cast<int64_t>(in.width()) * in.height();
    // smartcrop reads all of its input, several times: a lazy crop would not save the work.
    if (static_cast<uint64_t>(pixels) > c.max_intermediate_pixels) {
      return immagin::Error{immagin::ErrorCode::kUnprocessable, "edits",
                            "a smart crop would analyse a " + std::to_string(in.width()) + "x" +
                                std::to_string(in.height()) +
                                " image; that is larger than any step may make"};
    }
    if (pixels <= kSmartcropInMemory) {
      if (c.budget != nullptr) {
        if (auto s = c.budget->Take(pixels * in.bands(), "smart crops"); !s) return s.error();
      }
      VipsImage* memory = vips_image_copy_memory(in.get());
      if (memory == nullptr) {
        return VipsError(immagin::ErrorCode::kUnprocessable, "finding the interesting part");
      }
      source = Image(memory);
    }
    return Wrap(vips_smartcrop(source.get(), &out, w, h, "interesting", interesting, nullptr), out,
                "finding the interesting part");
  }
  const auto [left, top] = Place(position, w, h, in.width(), in.height());
  return Wrap(vips_extract_area(in.get(), &out, left, top, w, h, nullptr), out, "cropping");
}

Result<Image> Contain(const Image& in, int w, int h, Position position, immagin::Rgba background) {
  w = std::max(w, in.width());
  h = std::max(h, in.height());
  if (w == in.width() && h == in.height()) return in;
  auto base = AlphaFor(in, background);
  if (!base) return base;
  const auto [left, top] = Place(position, in.width(), in.height(), w, h);
  BackgroundArray bg(background, base->bands());
  VipsImage* out = nullptr;
  return Wrap(vips_embed(base->get(), &out, left, top, w, h, "extend", VIPS_EXTEND_BACKGROUND,
                         "background", bg.array, nullptr),
              out, "adding contain bars");
}

}  // namespace

Result<Image> Apply(const Image& frame, const immagin::ResizeEdit& edit, const StepContext& c) {
  const auto [logical_w, logical_h] =
      c.logical_size.value_or(std::pair{frame.width(), frame.height()});
  const double W = logical_w;
  const double H = logical_h;
  // The box in device pixels: dpr times the CSS box, scaled down as a whole (aspect kept)
  // when a side would pass the output limit.
  const double css_h = edit.height ? *edit.height : H * edit.width / W;
  double ratio = edit.dpr;
  if (ratio > 1) {
    ratio = std::min(ratio, c.max_output_side / std::max<double>(edit.width, css_h));
    ratio = std::max(ratio, 1.0);
  }
  const int box_w = Round(edit.width * ratio);
  const int box_h = Round(css_h * ratio);
  const Fit fit = edit.height ? edit.fit : Fit::kFill;

  double sx = box_w / W;
  double sy = box_h / H;
  switch (fit) {
    case Fit::kCover:
    case Fit::kOutside: sx = sy = std::max(sx, sy); break;
    case Fit::kContain:
    case Fit::kInside: sx = sy = std::min(sx, sy); break;
    case Fit::kFill: break;
  }
  if (!edit.upscale) sx = std::min(sx, 1.0), sy = std::min(sy, 1.0);
  if (!edit.downscale) sx = std::max(sx, 1.0), sy = std::max(sy, 1.0);

  auto scaled = Scale(frame, Round(W * sx), Round(H * sy));
  if (!scaled) return scaled;
  switch (fit) {
    case Fit::kCover: return Cover(*scaled, box_w, box_h, edit, c);
    case Fit::kContain:
      // Always the box's size: without upscaling a small image sits in it at its own size.
      return Contain(*scaled, box_w, box_h, edit.position, edit.background);
    default: return scaled;
  }
}

}  // namespace luna
