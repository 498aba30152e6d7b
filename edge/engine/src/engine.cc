#include "image.h"
#if !defined(__wasi__)
// From <vips/vector.h>, which needs Orc's headers for its other declarations.
extern "C" void vips_vector_set_enabled(gboolean enabled);
#endif
#include "luna/engine.h"

namespace luna {

immagin::Status InitEngine(const char* argv0) {
  static const bool started = [argv0] {
    if (VIPS_INIT(argv0) != 0) return false;
    // Every request is new work: the operation cache would only hold memory.
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    // libvips 8.14's Orc paths are not safe across threads: a program freed while another
    // thread ran it crashed concurrent renders (`free(): invalid pointer` in orc_code_free,
    // bench/engine_bench with 2 threads). Off until the libvips that drops Orc (8.18). The
    // wasm build has neither Orc nor threads (nor this call).
#if !defined(__wasi__)
    vips_vector_set_enabled(FALSE);
#endif
    vips_block_untrusted_set(TRUE);
    // libvips flags these two untrusted; they are on decode.cc's allow-list (JPEG 2000 is
    // an output format too, SVG a documented input), and every input is size-limited.
    vips_operation_block_set("VipsForeignLoadJp2kBuffer", FALSE);
    vips_operation_block_set("VipsForeignLoadSvgBuffer", FALSE);
    return true;
  }();
  if (!started) return VipsError(immagin::ErrorCode::kInternal, "starting libvips");
  return {};
}

const char* LibvipsVersion() { return vips_version_string(); }

}  // namespace luna
