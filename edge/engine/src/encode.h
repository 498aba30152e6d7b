// A finished image → bytes in the requested format, with quality/progressive/lossless.
#pragma once

#include <string>

#include "image.h"
#include "immagin/edit.h"
#include "luna/engine_config.h"

namespace luna {

bool CanAnimate(immagin::OutputFormat format);
std::string ContentType(immagin::OutputFormat format);

// Formats without alpha get the image flattened on white first.
immagin::Result<std::string> Encode(const Image& image, const immagin::OutputOptions& output,
                                    const EngineConfig& config);

}  // namespace luna
