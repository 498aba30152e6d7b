#include "immagin/canonical.h"

#include <cmath>

namespace immagin {
namespace {

// [0, 360) at micro-degree precision, so 450, 90 and 90.0000000001 are one angle.
double ReduceDegrees(double degrees) {
  double d = std::fmod(degrees, 360.0);
  if (d < 0) d += 360.0;
  d = std::round(d * 1e6) / 1e6;
  if (d >= 360.0 || d == 0.0) d = 0.0;  // also turns -0 into 0
  return d;
}

// Returns false when the edit has no effect and should be dropped.
struct Normalizer {
  bool operator()(ResizeEdit& e) const {
    const ResizeEdit defaults;
    if (!e.height) {
      // With one dimension the aspect ratio decides everything.
      e.fit = defaults.fit;
      e.position = defaults.position;
      e.focus.reset();
      e.background = defaults.background;
    }
    // Only a cover crop has a point to keep; the centre is the plain centre crop.
    if (e.fit != Fit::kCover || e.focus == FocalPoint{}) e.focus.reset();
    if (e.focus) e.position = defaults.position;
    if (e.fit == Fit::kContain &&
        (e.position == Position::kEntropy || e.position == Position::kAttention)) {
      e.position = Position::kCenter;  // nothing is cropped, so there is nothing to choose
    }
    if (e.fit != Fit::kCover && e.fit != Fit::kContain) e.position = defaults.position;
    if (e.fit != Fit::kContain) e.background = defaults.background;
    return true;
  }
  bool operator()(RotateEdit& e) const {
    e.angle = ReduceDegrees(e.angle);
    if (e.angle == 0.0) return false;
    if (std::fmod(e.angle, 90.0) == 0.0) e.background = RotateEdit{}.background;
    return true;
  }
  bool operator()(ExtendEdit& e) const {
    return e.top != 0 || e.bottom != 0 || e.left != 0 || e.right != 0;
  }
  bool operator()(ModulateEdit& e) const {
    e.hue = ReduceDegrees(e.hue);
    return !(e == ModulateEdit{});
  }
  template <typename T>
  bool operator()(T&) const {
    return true;
  }
};

struct JsonWriter {
  Json operator()(const ResizeEdit& e) const {
    Json o = {{"width", e.width},
              {"fit", NameOf(kFitNames, e.fit)},
              {"position", NameOf(kPositionNames, e.position)},
              {"background", ToHex(e.background)},
              {"upscale", e.upscale},
              {"downscale", e.downscale}};
    if (e.height) o["height"] = *e.height;
    if (e.focus) o["position"] = {{"x", e.focus->x}, {"y", e.focus->y}};
    // Only when it matters: every transform id from before dpr existed stays what it was.
    if (e.dpr != 1) o["dpr"] = e.dpr;
    return o;
  }
  Json operator()(const RotateEdit& e) const {
    return {{"angle", e.angle}, {"background", ToHex(e.background)}};
  }
  Json operator()(const FlipEdit&) const { return true; }
  Json operator()(const FlopEdit&) const { return true; }
  Json operator()(const CropEdit& e) const {
    return {{"left", e.left}, {"top", e.top}, {"width", e.width}, {"height", e.height}};
  }
  Json operator()(const ExtendEdit& e) const {
    return {{"top", e.top},
            {"bottom", e.bottom},
            {"left", e.left},
            {"right", e.right},
            {"background", ToHex(e.background)}};
  }
  Json operator()(const TrimEdit& e) const {
    Json o = {{"threshold", e.threshold}};
    if (e.background) o["background"] = ToHex(*e.background);
    return o;
  }
  Json operator()(const BlurEdit& e) const { return e.sigma; }
  Json operator()(const SharpenEdit& e) const { return e.sigma; }
  Json operator()(const GrayscaleEdit&) const { return true; }
  Json operator()(const ModulateEdit& e) const {
    return {{"brightness", e.brightness},
            {"saturation", e.saturation},
            {"hue", e.hue},
            {"lightness", e.lightness}};
  }
  Json operator()(const TintEdit& e) const { return {{"r", e.r}, {"g", e.g}, {"b", e.b}}; }
  Json operator()(const InvertEdit&) const { return true; }
  Json operator()(const NormalizeEdit& e) const { return {{"lower", e.lower}, {"upper", e.upper}}; }
  Json operator()(const FlattenEdit& e) const { return {{"background", ToHex(e.background)}}; }
  Json operator()(const ImageEdit& e) const {
    Json o = {{"key", e.key},
              {"position", NameOf(kTextPositionNames, e.position)},
              {"opacity", e.opacity},
              {"padding", e.padding}};
    if (e.width) o["width"] = *e.width;
    return o;
  }
  Json operator()(const TextEdit& e) const {
    return {{"text", e.text},
            {"fontSize", e.font_size},
            {"color", ToHex(e.color)},
            {"opacity", e.opacity},
            {"position", NameOf(kTextPositionNames, e.position)},
            {"padding", e.padding}};
  }
};

}  // namespace

EditList Canonicalize(EditList list) {
  std::vector<Edit> kept;
  std::vector<Edit> layers;
  kept.reserve(list.edits.size());
  for (Edit& edit : list.edits) {
    if (!std::visit(Normalizer{}, edit)) continue;
    (IsLayer(edit) ? layers : kept).push_back(std::move(edit));
  }
  for (Edit& layer : layers) kept.push_back(std::move(layer));
  list.edits = std::move(kept);
  return list;
}

OutputOptions Canonicalize(OutputOptions output) {
  const auto f = output.format;
  if (f != OutputFormat::kJpeg && f != OutputFormat::kPng && f != OutputFormat::kAuto) {
    output.progressive = false;
  }
  if (f != OutputFormat::kWebp && f != OutputFormat::kAvif && f != OutputFormat::kAuto) {
    output.lossless = false;
  }
  if (f != OutputFormat::kHeif) output.compression = HeifCompression::kAv1;
  if (f == OutputFormat::kThumbhash) output.quality = OutputOptions{}.quality;  // no encoder
  // Still formats show the first frame whatever was asked.
  if (f != OutputFormat::kWebp && f != OutputFormat::kGif && f != OutputFormat::kAuto) {
    output.animated = true;
  }
  return output;
}

Json ToJson(const EditList& list) {
  Json edits = Json::array();
  if (!list.auto_orient) edits.push_back({{"autoOrient", false}});
  for (const Edit& edit : list.edits) {
    Json item = Json::object();
    item[std::string(EditName(edit))] = std::visit(JsonWriter{}, edit);
    edits.push_back(std::move(item));
  }
  return edits;
}

Json ToJson(const OutputOptions& output) {
  Json o = {{"format", NameOf(kOutputFormatNames, output.format)},
            {"quality", output.quality},
            {"progressive", output.progressive},
            {"lossless", output.lossless}};
  // Only when it matters: transform ids from before `animated` existed stay what they were.
  if (!output.animated) o["animated"] = false;
  // HEIF's ids name their coding (they changed meaning when its default became AV1).
  if (output.format == OutputFormat::kHeif) {
    o["compression"] = NameOf(kHeifCompressionNames, output.compression);
  }
  return o;
}

}  // namespace immagin
