#include <cstdlib>
#include <string>

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

namespace {

immagin::Status ReadNumber(const char* name, auto& field, long long min, long long max) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return {};
  char* end = nullptr;
  const long long value = std::strtoll(text, &end, 10);
  if (*end != '\0' || value < min || value > max) {
    return immagin::InvalidArgument(name, "must be an integer between " + std::to_string(min) +
                                              " and " + std::to_string(max) + ", got \"" + text +
                                              "\"");
  }
  field = static_cast<std::remove_reference_t<decltype(field)>>(value);
  return {};
}

}  // namespace

immagin::Result<EngineConfig> EngineConfig::FromEnvironment() {
  EngineConfig c;
  for (const immagin::Status& s :
       {ReadNumber("LUNA_MAX_INPUT_BYTES", c.max_input_bytes, 1, 1LL << 34),
        ReadNumber("LUNA_MAX_INPUT_PIXELS", c.max_input_pixels, 1, 1LL << 40),
        ReadNumber("LUNA_MAX_OUTPUT_DIMENSION", c.max_output_dimension, 1, 65535),
        ReadNumber("LUNA_MAX_FRAMES", c.max_frames, 1, 10000),
        ReadNumber("LUNA_DEADLINE_MS", c.deadline_ms, 1, 600'000),
        ReadNumber("LUNA_MAX_EAGER_BYTES", c.max_eager_bytes, 1, 1LL << 40),
        ReadNumber("LUNA_AVIF_EFFORT", c.avif_effort, 0, 9)}) {
    if (!s) return s.error();
  }
  if (immagin::Status s = c.Validate(); !s) return s.error();
  return c;
}

immagin::Status EngineConfig::Validate() const {
  if (max_input_bytes == 0) return immagin::InvalidArgument("max_input_bytes", "must be > 0");
  if (max_input_pixels == 0) return immagin::InvalidArgument("max_input_pixels", "must be > 0");
  if (max_output_dimension < 1) {
    return immagin::InvalidArgument("max_output_dimension", "must be > 0");
  }
  if (max_frames < 1) return immagin::InvalidArgument("max_frames", "must be > 0");
  if (deadline_ms < 1) return immagin::InvalidArgument("deadline_ms", "must be > 0");
  if (max_eager_bytes < 1) return immagin::InvalidArgument("max_eager_bytes", "must be > 0");
  if (avif_effort < 0 || avif_effort > 9) {
    return immagin::InvalidArgument("avif_effort", "must be between 0 and 9");
  }
  return {};
}

}  // namespace luna
