// Fuzzes what an original's bytes reach: the decoders (every allow-listed libvips loader),
// a few edits chosen by the input, and the encoders, under small limits so that each run is
// quick. Besides "no crash, no leak, no sanitizer report", every failure must be a clear
// 4xx/5xx error with a message, and every success an image of the requested format within
// the output limit.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>

#include <vector>

#include "immagin/canonical.h"
#include "immagin/edit_parser.h"
#include "immagin/json.h"
#include "luna/engine.h"

namespace {

void Check(bool condition, const char* what, const std::string& detail) {
  if (condition) return;
  std::fprintf(stderr, "property violated: %s\n%s\n", what, detail.c_str());
  std::abort();
}

// The last input byte picks the edits and the output, the rest is the original.
constexpr const char* kEdits[] = {
    "[]",
    R"([{"resize":{"width":64}}])",
    R"([{"resize":{"width":48,"height":48,"position":"entropy"}},{"sharpen":1}])",
    R"([{"rotate":{"angle":33}},{"flip":true},{"trim":true}])",
    R"([{"crop":{"left":1,"top":1,"width":8,"height":8}},{"extend":{"top":4}}])",
    R"([{"normalize":true},{"modulate":{"hue":90}},{"text":{"text":"fz","fontSize":8}}])",
    R"([{"grayscale":true},{"blur":1},{"flatten":true},{"invert":true}])",
    R"([{"autoOrient":false},{"tint":{"r":9,"g":9,"b":9}}])",
};
constexpr const char* kOutputs[] = {R"({"format":"webp"})", R"({"format":"jpeg"})",
                                    R"({"format":"png"})", R"({"format":"gif"})"};

std::vector<immagin::EditList> g_edits;
std::vector<immagin::OutputOptions> g_outputs;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (!luna::InitEngine().ok()) std::abort();
  for (const char* text : kEdits) {
    auto edits = immagin::ParseEdits(*immagin::ParseJson(text, "edits"), {});
    Check(edits.ok(), "the fuzzer's own edits parse", text);
    g_edits.push_back(immagin::Canonicalize(*edits));
  }
  for (const char* text : kOutputs) {
    auto output = immagin::ParseOutput(*immagin::ParseJson(text, "output"));
    Check(output.ok(), "the fuzzer's own outputs parse", text);
    g_outputs.push_back(immagin::Canonicalize(*output));
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t choice = data[size - 1];
  const std::span<const uint8_t> original(data, size - 1);
  luna::EngineConfig config;
  config.max_input_pixels = 4'000'000;
  config.max_output_dimension = 1024;
  config.max_frames = 8;
  config.deadline_ms = 3000;
  config.max_eager_bytes = 32 << 20;

  auto metadata = luna::ReadMetadata(original, config);
  if (!metadata) Check(!metadata.error().message.empty(), "metadata errors say why", "");

  auto rendered = luna::Transform(original, g_edits[choice % g_edits.size()],
                                  g_outputs[(choice / 8) % g_outputs.size()], config);
  if (!rendered) {
    const int status = immagin::HttpStatus(rendered.error().code);
    Check(status >= 400 && status < 600, "failures are HTTP errors", rendered.error().ToString());
    Check(!rendered.error().message.empty(), "failures say why", rendered.error().ToString());
    return 0;
  }
  Check(!rendered->bytes.empty(), "successes have bytes", "");
  Check(rendered->width <= config.max_output_dimension &&
            rendered->height <= config.max_output_dimension,
        "outputs respect the output limit",
        std::to_string(rendered->width) + "x" + std::to_string(rendered->height));
  return 0;
}
