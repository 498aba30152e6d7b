// Every frame enters the edits as 8-bit sRGB (or 8-bit grey), alpha kept: CMYK and
// embedded ICC profiles converted, 16-bit inputs brought to 8 bits.
#pragma once

#include "image.h"

namespace luna {

immagin::Result<Image> ToWorkingSpace(const Image& image);

// Removes EXIF, XMP, IPTC and ICC blocks: outputs carry no metadata unless asked. The
// savers are told to strip too; dropping the fields here keeps any saver that rebuilds
// metadata from them (EXIF from "exif-ifd*", resolution) from bringing it back.
immagin::Result<Image> WithoutMetadata(const Image& image);

}  // namespace luna
