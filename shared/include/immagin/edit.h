// The edit model of SPEC §4: one typed struct per edit, with the documented defaults.
// Values here are already validated; edit_parser.h builds them from JSON and
// canonical.h brings equivalent lists to one form.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "immagin/color.h"

namespace immagin {

// Largest width/height a request may name (resize, crop, extend). The engine has its own,
// configurable and usually lower, limits on input and output pixels.
inline constexpr int kMaxDimension = 16384;

template <typename E>
struct NamedValue {
  std::string_view name;
  E value;
};

enum class Fit { kCover, kContain, kFill, kInside, kOutside };
inline constexpr std::array<NamedValue<Fit>, 5> kFitNames = {{
    {"cover", Fit::kCover},
    {"contain", Fit::kContain},
    {"fill", Fit::kFill},
    {"inside", Fit::kInside},
    {"outside", Fit::kOutside},
}};

enum class Position { kCenter, kTop, kRight, kBottom, kLeft, kEntropy, kAttention };
inline constexpr std::array<NamedValue<Position>, 7> kPositionNames = {{
    {"top", Position::kTop},
    {"right", Position::kRight},
    {"bottom", Position::kBottom},
    {"left", Position::kLeft},
    {"center", Position::kCenter},
    {"entropy", Position::kEntropy},
    {"attention", Position::kAttention},
}};

enum class TextPosition {
  kTopLeft,
  kTopCenter,
  kTopRight,
  kCenterLeft,
  kCenter,
  kCenterRight,
  kBottomLeft,
  kBottomCenter,
  kBottomRight,
};
inline constexpr std::array<NamedValue<TextPosition>, 9> kTextPositionNames = {{
    {"top-left", TextPosition::kTopLeft},
    {"top-center", TextPosition::kTopCenter},
    {"top-right", TextPosition::kTopRight},
    {"center-left", TextPosition::kCenterLeft},
    {"center", TextPosition::kCenter},
    {"center-right", TextPosition::kCenterRight},
    {"bottom-left", TextPosition::kBottomLeft},
    {"bottom-center", TextPosition::kBottomCenter},
    {"bottom-right", TextPosition::kBottomRight},
}};

enum class OutputFormat { kWebp, kJpeg, kPng, kAvif, kGif, kJp2, kTiff, kHeif, kAuto, kThumbhash };
inline constexpr std::array<NamedValue<OutputFormat>, 10> kOutputFormatNames = {{
    {"webp", OutputFormat::kWebp},
    {"jpeg", OutputFormat::kJpeg},
    {"png", OutputFormat::kPng},
    {"avif", OutputFormat::kAvif},
    {"gif", OutputFormat::kGif},
    {"jp2", OutputFormat::kJp2},
    {"tiff", OutputFormat::kTiff},
    {"heif", OutputFormat::kHeif},
    // Chosen per request from the Accept header (AVIF, then WebP, then JPEG/PNG).
    {"auto", OutputFormat::kAuto},
    // Not an image: the ThumbHash placeholder of the edited image, as JSON.
    {"thumbhash", OutputFormat::kThumbhash},
}};

template <typename E, size_t N>
constexpr std::string_view NameOf(const std::array<NamedValue<E>, N>& table, E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return {};
}

inline constexpr Rgba kBlack{0, 0, 0, 255};
inline constexpr Rgba kWhite{255, 255, 255, 255};

// A point of the image as fractions of its width and height (0–1), for `cover` crops.
struct FocalPoint {
  double x = 0.5;
  double y = 0.5;
  friend bool operator==(const FocalPoint&, const FocalPoint&) = default;
};

struct ResizeEdit {
  int width = 0;
  std::optional<int> height;  // proportional when absent
  Fit fit = Fit::kCover;
  Position position = Position::kCenter;
  // `position: {x, y}`: the crop keeps this point as central as it can; replaces `position`.
  std::optional<FocalPoint> focus;
  Rgba background = kBlack;  // the bars of `contain`
  bool upscale = false;
  bool downscale = true;
  // Device pixel ratio: width and height are CSS pixels, the output is dpr times larger
  // (within the output limits).
  double dpr = 1;
  friend bool operator==(const ResizeEdit&, const ResizeEdit&) = default;
};

struct RotateEdit {
  double angle = 0;  // degrees clockwise
  Rgba background = kBlack;
  friend bool operator==(const RotateEdit&, const RotateEdit&) = default;
};

struct FlipEdit {  // mirror vertically
  friend bool operator==(const FlipEdit&, const FlipEdit&) = default;
};

struct FlopEdit {  // mirror horizontally
  friend bool operator==(const FlopEdit&, const FlopEdit&) = default;
};

struct CropEdit {
  int left = 0;
  int top = 0;
  int width = 0;
  int height = 0;
  friend bool operator==(const CropEdit&, const CropEdit&) = default;
};

struct ExtendEdit {
  int top = 0;
  int bottom = 0;
  int left = 0;
  int right = 0;
  Rgba background = kBlack;
  friend bool operator==(const ExtendEdit&, const ExtendEdit&) = default;
};

struct TrimEdit {
  std::optional<Rgba> background;  // the top-left pixel when absent
  double threshold = 10;
  friend bool operator==(const TrimEdit&, const TrimEdit&) = default;
};

struct BlurEdit {
  double sigma = 0;
  friend bool operator==(const BlurEdit&, const BlurEdit&) = default;
};

struct SharpenEdit {
  double sigma = 0;
  friend bool operator==(const SharpenEdit&, const SharpenEdit&) = default;
};

struct GrayscaleEdit {
  friend bool operator==(const GrayscaleEdit&, const GrayscaleEdit&) = default;
};

struct ModulateEdit {
  double brightness = 1;  // multiplier
  double saturation = 1;  // multiplier
  double hue = 0;         // degrees
  double lightness = 0;   // added to L*
  friend bool operator==(const ModulateEdit&, const ModulateEdit&) = default;
};

struct TintEdit {
  int r = 0;
  int g = 0;
  int b = 0;
  friend bool operator==(const TintEdit&, const TintEdit&) = default;
};

struct InvertEdit {
  friend bool operator==(const InvertEdit&, const InvertEdit&) = default;
};

struct NormalizeEdit {
  double lower = 1;   // percentile mapped to black
  double upper = 99;  // percentile mapped to white
  friend bool operator==(const NormalizeEdit&, const NormalizeEdit&) = default;
};

struct FlattenEdit {
  // White, like the flattening done for outputs without alpha (sharp defaults to black).
  Rgba background = kWhite;
  friend bool operator==(const FlattenEdit&, const FlattenEdit&) = default;
};

struct TextEdit {
  std::string text;
  int font_size = 32;
  Rgba color = kWhite;
  double opacity = 1;
  TextPosition position = TextPosition::kBottomRight;
  int padding = 16;
  friend bool operator==(const TextEdit&, const TextEdit&) = default;
};

// A logo or watermark: another original of the same project, composited like `text`.
struct ImageEdit {
  std::string key;
  TextPosition position = TextPosition::kBottomRight;
  std::optional<int> width;  // px; the overlay's own width when absent, never wider than the base
  double opacity = 1;
  int padding = 16;
  friend bool operator==(const ImageEdit&, const ImageEdit&) = default;
};

using Edit = std::variant<ResizeEdit, RotateEdit, FlipEdit, FlopEdit, CropEdit, ExtendEdit,
                          TrimEdit, BlurEdit, SharpenEdit, GrayscaleEdit, ModulateEdit, TintEdit,
                          InvertEdit, NormalizeEdit, FlattenEdit, TextEdit, ImageEdit>;

// Layers (`text`, `image`) are composited after every other edit, in array order.
inline bool IsLayer(const Edit& edit) {
  return std::holds_alternative<TextEdit>(edit) || std::holds_alternative<ImageEdit>(edit);
}

// The keys of the image layers' overlays, each once, in order of first use.
std::vector<std::string> OverlayKeys(const std::vector<Edit>& edits);

// The JSON name of an edit, e.g. "resize".
std::string_view EditName(const Edit& edit);

struct EditList {
  std::vector<Edit> edits;
  // EXIF auto-orientation runs before every edit unless `{ "autoOrient": false }` is given.
  bool auto_orient = true;
  friend bool operator==(const EditList&, const EditList&) = default;
};

// How `heif` output is coded: AV1 (the default, as sharp's heif output; every edge has an
// AV1 encoder) or HEVC (only where libheif has an HEVC encoder, natively).
enum class HeifCompression { kAv1, kHevc };
inline constexpr std::array<NamedValue<HeifCompression>, 2> kHeifCompressionNames = {{
    {"av1", HeifCompression::kAv1},
    {"hevc", HeifCompression::kHevc},
}};

struct OutputOptions {
  OutputFormat format = OutputFormat::kWebp;
  int quality = 90;
  bool progressive = false;  // JPEG, PNG
  bool lossless = false;     // WebP, AVIF
  bool animated = true;      // false: the first frame only (formats that animate: WebP, GIF)
  HeifCompression compression = HeifCompression::kAv1;  // HEIF
  friend bool operator==(const OutputOptions&, const OutputOptions&) = default;
};

}  // namespace immagin
