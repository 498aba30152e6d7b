#include "immagin/edit_parser.h"

#include <algorithm>
#include <array>

#include "option_reader.h"

namespace immagin {
namespace {

// Each edit parser gets the edit's JSON value (the part after its name) and the path
// "edits[i].name" for errors; a disabled boolean edit (`{ "flip": false }`) yields nullopt.
using EditParser = Result<std::optional<Edit>> (*)(const Json& value, const std::string& path,
                                                   const RequestLimits& limits);

Error TypeError(const std::string& path, std::string_view expected) {
  return InvalidArgument(path, "must be " + std::string(expected));
}

// Runs `read` over an options object and returns its edit once the reader is satisfied.
template <typename T, typename Read>
Result<std::optional<Edit>> ReadObject(const Json& value, const std::string& path, Read&& read) {
  if (!value.is_object()) return TypeError(path, "an object");
  OptionReader r(value, path);
  T edit = read(r);
  if (Status s = r.Finish(); !s) return s.error();
  return std::optional<Edit>(std::move(edit));
}

// `true` applies the edit with defaults, `false` leaves it out.
template <typename T>
Result<std::optional<Edit>> ReadSwitch(const Json& value, const std::string& path) {
  if (!value.is_boolean()) return TypeError(path, "true or false");
  if (!value.get<bool>()) return std::optional<Edit>();
  return std::optional<Edit>(T{});
}

// `true`/`false` like a switch, or an options object.
template <typename T, typename Read>
Result<std::optional<Edit>> ReadSwitchOrObject(const Json& value, const std::string& path,
                                               Read&& read) {
  if (value.is_boolean()) return ReadSwitch<T>(value, path);
  if (!value.is_object()) return TypeError(path, "true, false or an object");
  return ReadObject<T>(value, path, read);
}

// `5` or `{ "sigma": 5 }`.
template <typename T>
Result<std::optional<Edit>> ReadSigma(const Json& value, const std::string& path, double min,
                                      double max) {
  const std::string range = "between " + FormatNumber(min) + " and " + FormatNumber(max);
  if (value.is_number()) {
    if (auto sigma = JsonNumber(value, min, max)) return std::optional<Edit>(T{*sigma});
    return TypeError(path, "a number " + range);
  }
  if (!value.is_object()) return TypeError(path, "a number " + range + " or { sigma }");
  return ReadObject<T>(value, path,
                       [&](OptionReader& r) { return T{r.Number("sigma", min, max)}; });
}

Result<std::optional<Edit>> ParseResize(const Json& v, const std::string& path,
                                        const RequestLimits&) {
  return ReadObject<ResizeEdit>(v, path, [](OptionReader& r) {
    ResizeEdit e;
    e.width = r.Int("width", 1, kMaxDimension);
    e.height = r.OptionalInt("height", 1, kMaxDimension);
    e.fit = r.Enum("fit", kFitNames, e.fit);
    if (const Json* p = r.Peek("position"); p != nullptr && p->is_object()) {
      e.focus = r.Object<FocalPoint>("position", [](OptionReader& o) {
        return FocalPoint{o.Number("x", 0, 1), o.Number("y", 0, 1)};
      });
    } else {
      e.position = r.Enum("position", kPositionNames, e.position);
    }
    e.background = r.Color("background", e.background);
    e.upscale = r.Bool("upscale", e.upscale);
    e.downscale = r.Bool("downscale", e.downscale);
    e.dpr = r.Number("dpr", 1, 4, e.dpr);
    return e;
  });
}

Result<std::optional<Edit>> ParseRotate(const Json& v, const std::string& path,
                                        const RequestLimits&) {
  return ReadObject<RotateEdit>(v, path, [](OptionReader& r) {
    RotateEdit e;
    // Any angle; the bound only keeps the double exact enough for the modulo.
    e.angle = r.Number("angle", -1e9, 1e9);
    e.background = r.Color("background", e.background);
    return e;
  });
}

Result<std::optional<Edit>> ParseCrop(const Json& v, const std::string& path,
                                      const RequestLimits&) {
  return ReadObject<CropEdit>(v, path, [](OptionReader& r) {
    CropEdit e;
    e.left = r.Int("left", 0, kMaxDimension * 4);
    e.top = r.Int("top", 0, kMaxDimension * 4);
    e.width = r.Int("width", 1, kMaxDimension);
    e.height = r.Int("height", 1, kMaxDimension);
    return e;
  });
}

Result<std::optional<Edit>> ParseExtend(const Json& v, const std::string& path,
                                        const RequestLimits&) {
  return ReadObject<ExtendEdit>(v, path, [](OptionReader& r) {
    ExtendEdit e;
    e.top = r.Int("top", 0, kMaxDimension, 0);
    e.bottom = r.Int("bottom", 0, kMaxDimension, 0);
    e.left = r.Int("left", 0, kMaxDimension, 0);
    e.right = r.Int("right", 0, kMaxDimension, 0);
    e.background = r.Color("background", e.background);
    return e;
  });
}

Result<std::optional<Edit>> ParseTrim(const Json& v, const std::string& path,
                                      const RequestLimits&) {
  return ReadSwitchOrObject<TrimEdit>(v, path, [](OptionReader& r) {
    TrimEdit e;
    e.background = r.OptionalColor("background");
    e.threshold = r.Number("threshold", 0, 255, e.threshold);
    return e;
  });
}

Result<std::optional<Edit>> ParseBlur(const Json& v, const std::string& path,
                                      const RequestLimits&) {
  return ReadSigma<BlurEdit>(v, path, 0.3, 1000);
}

Result<std::optional<Edit>> ParseSharpen(const Json& v, const std::string& path,
                                         const RequestLimits&) {
  return ReadSigma<SharpenEdit>(v, path, 0.01, 10);
}

Result<std::optional<Edit>> ParseModulate(const Json& v, const std::string& path,
                                          const RequestLimits&) {
  return ReadObject<ModulateEdit>(v, path, [](OptionReader& r) {
    ModulateEdit e;
    e.brightness = r.Number("brightness", 0, 100, e.brightness);
    e.saturation = r.Number("saturation", 0, 100, e.saturation);
    e.hue = r.Number("hue", -1e9, 1e9, e.hue);
    e.lightness = r.Number("lightness", -100, 100, e.lightness);
    return e;
  });
}

Result<std::optional<Edit>> ParseTint(const Json& v, const std::string& path,
                                      const RequestLimits&) {
  return ReadObject<TintEdit>(v, path, [](OptionReader& r) {
    TintEdit e;
    e.r = r.Int("r", 0, 255);
    e.g = r.Int("g", 0, 255);
    e.b = r.Int("b", 0, 255);
    return e;
  });
}

Result<std::optional<Edit>> ParseNormalize(const Json& v, const std::string& path,
                                           const RequestLimits&) {
  return ReadSwitchOrObject<NormalizeEdit>(v, path, [](OptionReader& r) {
    NormalizeEdit e;
    e.lower = r.Number("lower", 0, 100, e.lower);
    e.upper = r.Number("upper", 0, 100, e.upper);
    if (e.lower >= e.upper) r.Reject("lower", "must be less than upper");
    return e;
  });
}

Result<std::optional<Edit>> ParseFlatten(const Json& v, const std::string& path,
                                         const RequestLimits&) {
  return ReadSwitchOrObject<FlattenEdit>(v, path, [](OptionReader& r) {
    FlattenEdit e;
    e.background = r.Color("background", e.background);
    return e;
  });
}

Result<std::optional<Edit>> ParseText(const Json& v, const std::string& path,
                                      const RequestLimits& limits) {
  return ReadObject<TextEdit>(v, path, [&](OptionReader& r) {
    TextEdit e;
    e.text = r.Text("text", limits.max_text_chars);
    e.font_size = r.Int("fontSize", 4, 1024, e.font_size);
    e.color = r.Color("color", e.color);
    e.opacity = r.Number("opacity", 0, 1, e.opacity);
    e.position = r.Enum("position", kTextPositionNames, e.position);
    e.padding = r.Int("padding", 0, kMaxDimension, e.padding);
    return e;
  });
}

Result<std::optional<Edit>> ParseImage(const Json& v, const std::string& path,
                                       const RequestLimits&) {
  return ReadObject<ImageEdit>(v, path, [&](OptionReader& r) {
    ImageEdit e;
    e.key = r.ImageKey("key");
    e.position = r.Enum("position", kTextPositionNames, e.position);
    e.width = r.OptionalInt("width", 1, kMaxDimension);
    e.opacity = r.Number("opacity", 0, 1, e.opacity);
    e.padding = r.Int("padding", 0, kMaxDimension, e.padding);
    return e;
  });
}

template <typename T>
Result<std::optional<Edit>> ParseSwitchEdit(const Json& v, const std::string& path,
                                            const RequestLimits&) {
  return ReadSwitch<T>(v, path);
}

struct EditEntry {
  std::string_view name;
  EditParser parse;
};

constexpr std::array<EditEntry, 17> kEditTable = {{
    {"resize", ParseResize},
    {"rotate", ParseRotate},
    {"flip", ParseSwitchEdit<FlipEdit>},
    {"flop", ParseSwitchEdit<FlopEdit>},
    {"crop", ParseCrop},
    {"extend", ParseExtend},
    {"trim", ParseTrim},
    {"blur", ParseBlur},
    {"sharpen", ParseSharpen},
    {"grayscale", ParseSwitchEdit<GrayscaleEdit>},
    {"modulate", ParseModulate},
    {"tint", ParseTint},
    {"invert", ParseSwitchEdit<InvertEdit>},
    {"normalize", ParseNormalize},
    {"flatten", ParseFlatten},
    {"text", ParseText},
    {"image", ParseImage},
}};

constexpr std::string_view kAutoOrient = "autoOrient";

std::string KnownEditNames() {
  std::string names;
  for (const auto& entry : kEditTable) {
    names += names.empty() ? "" : ", ";
    names += entry.name;
  }
  return names + ", " + std::string(kAutoOrient);
}

}  // namespace

Result<EditList> ParseEdits(const Json& edits, const RequestLimits& limits) {
  EditList list;
  if (edits.is_null()) return list;
  if (!edits.is_array() && !edits.is_object()) {
    return InvalidArgument("edits", "must be an edit object or an array of edit objects");
  }
  const Json one = Json::array({edits});
  const Json& items = edits.is_array() ? edits : one;
  if (items.size() > limits.max_edits) {
    return InvalidArgument("edits",
                           "at most " + std::to_string(limits.max_edits) + " edits are allowed");
  }
  std::optional<size_t> auto_orient_index;
  size_t image_layers = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string at = "edits[" + std::to_string(i) + "]";
    const Json& item = items[i];
    if (!item.is_object() || item.size() != 1) {
      return InvalidArgument(at,
                             "must be an object with exactly one edit name, such as "
                             "{ \"resize\": { \"width\": 800 } }");
    }
    const auto& name = item.begin().key();
    const Json& value = item.begin().value();
    std::string path = at;
    path += '.';
    path += name;
    if (name == kAutoOrient) {
      if (!value.is_boolean()) return InvalidArgument(path, "must be true or false");
      if (auto_orient_index) {
        return InvalidArgument(
            path, "given twice (first at edits[" + std::to_string(*auto_orient_index) + "])");
      }
      auto_orient_index = i;
      list.auto_orient = value.get<bool>();
      continue;
    }
    const auto entry = std::find_if(kEditTable.begin(), kEditTable.end(),
                                    [&](const EditEntry& e) { return e.name == name; });
    if (entry == kEditTable.end()) {
      return InvalidArgument(path, "unknown edit (expected one of " + KnownEditNames() + ")");
    }
    auto edit = entry->parse(value, path, limits);
    if (!edit) return edit.error();
    if (*edit && std::holds_alternative<ImageEdit>(**edit) &&
        ++image_layers > limits.max_image_layers) {
      return InvalidArgument(
          path, "at most " + std::to_string(limits.max_image_layers) + " image layers are allowed");
    }
    std::optional<Edit> parsed = std::move(*edit);
    if (parsed) list.edits.push_back(std::move(*parsed));
  }
  return list;
}

Result<OutputOptions> ParseOutput(const Json& output) {
  OutputOptions out;
  if (output.is_null()) return out;
  if (!output.is_object()) return InvalidArgument("output", "must be an object");
  OptionReader r(output, "output");
  out.format = r.Enum("format", kOutputFormatNames, out.format);
  out.quality = r.Int("quality", 1, 100, out.quality);
  out.progressive = r.Bool("progressive", out.progressive);
  out.lossless = r.Bool("lossless", out.lossless);
  out.animated = r.Bool("animated", out.animated);
  out.compression = r.Enum("compression", kHeifCompressionNames, out.compression);
  if (Status s = r.Finish(); !s) return s.error();
  return out;
}

}  // namespace immagin
