// The five canonical operations of the Luna engine on the 12 MP camera photo of
// ../shared/testdata, decode to encode. compare-sharp.sh runs the same five with sharp in
// the same run and prints the ratios. Single-threaded unless Threads(2) (two requests at
// once); libvips' own concurrency comes from VIPS_CONCURRENCY (the script sets 1).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "immagin/canonical.h"
#include "immagin/edit_parser.h"
#include "luna/engine.h"

namespace {

const std::vector<uint8_t>* Photo() {
  static const std::vector<uint8_t>* photo = [] {
    std::ifstream in(
        std::filesystem::path(IMMAGIN_TESTDATA_DIR) / "photo-4032x3024-olympus-ep3.jpg",
        std::ios::binary);
    if (!in) return static_cast<std::vector<uint8_t>*>(nullptr);
    return new std::vector<uint8_t>(std::istreambuf_iterator<char>(in),
                                    std::istreambuf_iterator<char>());
  }();
  return photo;
}

void Run(benchmark::State& state, const char* edits_json, const char* output_json) {
  if (!luna::InitEngine().ok()) return state.SkipWithError("libvips failed to start");
  if (Photo() == nullptr) return state.SkipWithError("../shared/testdata not found");
  auto edits = immagin::ParseEdits(*immagin::ParseJson(edits_json, "edits"), {});
  auto output = immagin::ParseOutput(*immagin::ParseJson(output_json, "output"));
  const immagin::EditList list = immagin::Canonicalize(*edits);
  const immagin::OutputOptions out = immagin::Canonicalize(*output);
  const luna::EngineConfig config;
  size_t bytes = 0;
  // NOLINTNEXTLINE(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
  for (auto _ : state) {
    auto rendered = luna::Transform(*Photo(), list, out, config);
    if (!rendered) return state.SkipWithError(rendered.error().ToString().c_str());
    bytes = rendered->bytes.size();
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  // Per-thread values that Google Benchmark would otherwise sum over the threads.
  state.counters["output_bytes"] =
      benchmark::Counter(static_cast<double>(bytes), benchmark::Counter::kAvgThreads);
  state.counters["peak_rss_mb"] = benchmark::Counter(static_cast<double>(usage.ru_maxrss) / 1024.0,
                                                     benchmark::Counter::kAvgThreads);
}

void Configure(benchmark::internal::Benchmark* b) {
  b->Unit(benchmark::kMillisecond)->UseRealTime()->Threads(1)->Threads(2);
}

}  // namespace

BENCHMARK_CAPTURE(Run, a_resize800_webp, R"({"resize":{"width":800}})", "{}")->Apply(Configure);
BENCHMARK_CAPTURE(Run, b_cover400_webp, R"({"resize":{"width":400,"height":400}})", "{}")
    ->Apply(Configure);
BENCHMARK_CAPTURE(Run, c_lqip_webp, R"([{"resize":{"width":20}},{"blur":10}])", "{}")
    ->Apply(Configure);
BENCHMARK_CAPTURE(Run, d_og1200x630_jpeg, R"({"resize":{"width":1200,"height":630}})",
                  R"({"format":"jpeg","quality":85})")
    ->Apply(Configure);
BENCHMARK_CAPTURE(Run, e_resize800_avif, R"({"resize":{"width":800}})", R"({"format":"avif"})")
    ->Apply(Configure);
