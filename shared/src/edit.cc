#include "immagin/edit.h"

#include <algorithm>

namespace immagin {

std::string_view EditName(const Edit& edit) {
  struct Namer {
    std::string_view operator()(const ResizeEdit&) const { return "resize"; }
    std::string_view operator()(const RotateEdit&) const { return "rotate"; }
    std::string_view operator()(const FlipEdit&) const { return "flip"; }
    std::string_view operator()(const FlopEdit&) const { return "flop"; }
    std::string_view operator()(const CropEdit&) const { return "crop"; }
    std::string_view operator()(const ExtendEdit&) const { return "extend"; }
    std::string_view operator()(const TrimEdit&) const { return "trim"; }
    std::string_view operator()(const BlurEdit&) const { return "blur"; }
    std::string_view operator()(const SharpenEdit&) const { return "sharpen"; }
    std::string_view operator()(const GrayscaleEdit&) const { return "grayscale"; }
    std::string_view operator()(const ModulateEdit&) const { return "modulate"; }
    std::string_view operator()(const TintEdit&) const { return "tint"; }
    std::string_view operator()(const InvertEdit&) const { return "invert"; }
    std::string_view operator()(const NormalizeEdit&) const { return "normalize"; }
    std::string_view operator()(const FlattenEdit&) const { return "flatten"; }
    std::string_view operator()(const TextEdit&) const { return "text"; }
    std::string_view operator()(const ImageEdit&) const { return "image"; }
  };
  return std::visit(Namer{}, edit);
}

std::vector<std::string> OverlayKeys(const std::vector<Edit>& edits) {
  std::vector<std::string> keys;
  for (const Edit& edit : edits) {
    const auto* layer = std::get_if<ImageEdit>(&edit);
    if (layer != nullptr && std::find(keys.begin(), keys.end(), layer->key) == keys.end()) {
      keys.push_back(layer->key);
    }
  }
  return keys;
}

}  // namespace immagin
