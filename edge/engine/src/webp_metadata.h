#pragma once

#include <string>

namespace luna {

// Drops the EXIF and XMP chunks of a WebP file and clears their flags. Debian's libvips
// 8.14.1 webpsave writes a small EXIF block (resolution, orientation) even with strip set;
// outputs promise no metadata.
std::string StripWebpMetadata(std::string webp);

}  // namespace luna
