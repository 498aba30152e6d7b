// Renders on several threads at once, as luna-server runs them (--max-concurrent): mixed
// edits and formats on real photos (synthetic ones without ../shared/testdata) for a
// bounded time, under the debug build's AddressSanitizer. Debian's libvips 8.14 once
// crashed here (Orc freed a program another thread was running, `free(): invalid pointer`
// in orc_code_free); the project's 8.18 has no Orc and its Highway paths are on.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "render_request.h"

namespace luna::testing {
namespace {

struct Job {
  const char* edits;
  const char* output;
};

constexpr Job kJobs[] = {
    {R"([{"resize":{"width":800}}])", "{}"},
    {R"([{"resize":{"width":400,"height":400,"position":"attention"}}])", "{}"},
    {R"([{"resize":{"width":32}},{"blur":2}])", R"({"format":"jpeg","quality":50})"},
    {R"([{"resize":{"width":1200,"height":630}},{"text":{"text":"Immagin"}}])",
     R"({"format":"jpeg"})"},
    {R"([{"resize":{"width":300}},{"sharpen":2},{"modulate":{"saturation":1.4}}])",
     R"({"format":"avif"})"},
    {R"([{"resize":{"width":256}},{"rotate":{"angle":30}},{"normalize":true}])",
     R"({"format":"png"})"},
    {R"([{"resize":{"width":200}},{"grayscale":true},{"tint":{"r":200,"g":100,"b":50}}])",
     R"({"format":"gif"})"},
};

std::vector<Bytes> Originals() {
  std::vector<Bytes> originals;
  if (!TestdataDir().empty()) {
    // Photos of a few megapixels: the 12 MP one makes each render seconds long under ASan.
    for (const char* name : {"photo-2725x2225-sharp-bench.jpg", "progressive-2560x1600-cups.jpg",
                             "alpha-logo-1689x1800.png", "lossy.webp"}) {
      originals.push_back(ReadTestImage(name));
    }
  }
  if (originals.empty()) {
    originals.push_back(Save(Gradient(2400, 1600), ".jpg"));
    originals.push_back(Save(Gradient(900, 900), ".png"));
  }
  return originals;
}

TEST(Concurrency, MixedRendersOnFourThreadsNeitherCrashNorFail) {
  const std::vector<Bytes> originals = Originals();
  const char* seconds_text = std::getenv("LUNA_STRESS_SECONDS");
  const auto duration = std::chrono::seconds(seconds_text ? std::atoi(seconds_text) : 8);
  const auto end = std::chrono::steady_clock::now() + duration;
  std::atomic<int> renders{0};
  std::atomic<int> failures{0};
  std::mutex first_failure_mutex;
  std::string first_failure;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; std::chrono::steady_clock::now() < end; ++i) {
        const Job& job = kJobs[i % std::size(kJobs)];
        auto rendered = Render(originals[i % originals.size()], job.edits, job.output);
        if (rendered.ok() && !rendered->bytes.empty()) {
          ++renders;
        } else {
          ++failures;
          std::lock_guard lock(first_failure_mutex);
          if (first_failure.empty()) {
            first_failure = std::string(job.edits) + " " + job.output + ": " +
                            (rendered.ok() ? "empty" : rendered.error().ToString());
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0) << first_failure;
  EXPECT_GE(renders.load(), 4);  // at least one per thread
  std::printf("concurrency: %d renders on 4 threads in %lld s\n", renders.load(),
              static_cast<long long>(duration.count()));
}

}  // namespace
}  // namespace luna::testing
