#include "luna/engine.h"
#include "image.h"

namespace luna {

immagin::Status InitEngine(const char* argv0) {
  static const bool started = [argv0] {
    if (VIPS_INIT(argv0) != 0) return false;
    // Every request is new work: the operation cache would only hold memory.
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_block_untrusted_set(TRUE);
    // libvips flags these untrusted; they are on decode.cc's allow-list (JPEG 2000 and HEIF
    // are output formats too, AVIF and SVG documented inputs), and every input is
    // size-limited before it is decoded.
    vips_operation_block_set("VipsForeignLoadJp2kBuffer", FALSE);
    vips_operation_block_set("VipsForeignLoadHeifBuffer", FALSE);
    vips_operation_block_set("VipsForeignLoadSvgBuffer", FALSE);
    return true;
  }();
  if (!started) return VipsError(immagin::ErrorCode::kInternal, "starting libvips");
  return {};
}

const char* LibvipsVersion() { return vips_version_string(); }

}  // namespace luna
