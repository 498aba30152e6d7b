#include "immagin/edit.h"

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
  };
  return std::visit(Namer{}, edit);
}

}  // namespace immagin
