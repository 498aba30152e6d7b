#include "luna/engine_config.h"

namespace luna {

const std::vector<immagin::Setting<EngineConfig>>& EngineSettings() {
  using C = EngineConfig;
  static const std::vector<immagin::Setting<C>> table = {
      immagin::NumberSetting("LUNA_MAX_INPUT_BYTES", "max-input-bytes",
                             "bytes of an original (413 beyond)", &C::max_input_bytes, 1,
                             1LL << 34),
      immagin::NumberSetting("LUNA_MAX_INPUT_PIXELS", "max-input-pixels",
                             "width x height x frames of an original, from its header (422)",
                             &C::max_input_pixels, 1, 1LL << 40),
      immagin::NumberSetting("LUNA_MAX_OUTPUT_DIMENSION", "max-output-dimension",
                             "output width and height (422)", &C::max_output_dimension, 1, 65535),
      immagin::NumberSetting("LUNA_MAX_FRAMES", "max-frames",
                             "frames of an animated original (422)", &C::max_frames, 1, 10000),
      immagin::NumberSetting("LUNA_DEADLINE_MS", "deadline-ms",
                             "processing time before the work is cancelled (422)", &C::deadline_ms,
                             1, 600'000),
      immagin::NumberSetting("LUNA_MAX_WORK_PIXELS", "max-work-pixels",
                             "pixels one render may process, counted as it computes (422)",
                             &C::max_work_pixels, 1, 1LL << 44),
      immagin::NumberSetting("LUNA_MAX_EAGER_BYTES", "max-eager-bytes",
                             "memory the eager steps of one render may hold (422)",
                             &C::max_eager_bytes, 1, 1LL << 40),
      immagin::NumberSetting("LUNA_AVIF_EFFORT", "avif-effort",
                             "AVIF/HEIF encoder effort, 0 (fast) to 9 (small)", &C::avif_effort, 0,
                             9),
  };
  return table;
}

immagin::Result<EngineConfig> EngineConfig::FromEnvironment() {
  return immagin::ConfigFromEnvironment(EngineSettings(), &EngineConfig::Validate);
}

immagin::Status EngineConfig::Validate() const {
  if (max_input_bytes == 0) return immagin::InvalidArgument("max_input_bytes", "must be > 0");
  if (max_input_pixels == 0) return immagin::InvalidArgument("max_input_pixels", "must be > 0");
  if (max_output_dimension < 1) {
    return immagin::InvalidArgument("max_output_dimension", "must be > 0");
  }
  if (max_frames < 1) return immagin::InvalidArgument("max_frames", "must be > 0");
  if (deadline_ms < 1) return immagin::InvalidArgument("deadline_ms", "must be > 0");
  if (max_work_pixels == 0) return immagin::InvalidArgument("max_work_pixels", "must be > 0");
  if (max_eager_bytes < 1) return immagin::InvalidArgument("max_eager_bytes", "must be > 0");
  if (avif_effort < 0 || avif_effort > 9) {
    return immagin::InvalidArgument("avif_effort", "must be between 0 and 9");
  }
  return {};
}

}  // namespace luna
