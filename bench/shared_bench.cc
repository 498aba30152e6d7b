// What every request pays before libvips sees a pixel: verify the signature, decode and
// validate the payload, compute the transform id. These run on each cache miss at the edge,
// so they should stay a rounding error next to a transform (tens of milliseconds).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "immagin/base64url.h"
#include "immagin/delivery_payload.h"
#include "immagin/signing.h"
#include "immagin/transform_id.h"

namespace immagin {
namespace {

constexpr int64_t kNow = 1'800'000'000;

const std::string& ProductPayload() {
  static const std::string payload = Base64UrlEncode(std::string_view(
      R"({"key":"products/shoe.jpg","edits":[{"trim":{"threshold":15}},)"
      R"({"normalize":{"lower":1,"upper":99}},{"resize":{"width":600,"height":600,)"
      R"("fit":"contain","background":"#ffffff"}},{"sharpen":1},)"
      R"({"text":{"text":"© Acme Inc","position":"bottom-right","fontSize":24,"opacity":0.8}}],)"
      R"("output":{"format":"jpeg","quality":85}})"));
  return payload;
}

const std::vector<SigningSecret>& Secrets() {
  static const std::vector<SigningSecret> secrets = {
      {"s2", std::string(kSigningKeyBytes, 'n'), std::nullopt},
      {"s1", std::string(kSigningKeyBytes, 'o'), kNow + 3600}};
  return secrets;
}

void BM_VerifySignature(benchmark::State& state) {
  const std::string sig = SignPayload(Secrets()[1], "demo", ProductPayload());
  // NOLINTNEXTLINE(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
  for (auto _ : state) {
    benchmark::DoNotOptimize(VerifySignature("demo", ProductPayload(), sig, Secrets(), kNow));
  }
}
BENCHMARK(BM_VerifySignature);

void BM_DecodePayload(benchmark::State& state) {
  // NOLINTNEXTLINE(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
  for (auto _ : state) {
    benchmark::DoNotOptimize(DecodePayload(ProductPayload(), {}));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(ProductPayload().size()));
}
BENCHMARK(BM_DecodePayload);

void BM_TransformId(benchmark::State& state) {
  const DeliveryPayload payload = *DecodePayload(ProductPayload(), {});
  // NOLINTNEXTLINE(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
  for (auto _ : state) {
    benchmark::DoNotOptimize(TransformId("demo", payload));
  }
}
BENCHMARK(BM_TransformId);

// The whole pre-render path of one request, as prepare() will run it.
void BM_VerifyDecodeAndId(benchmark::State& state) {
  const std::string sig = SignPayload(Secrets()[0], "demo", ProductPayload());
  // NOLINTNEXTLINE(clang-analyzer-deadcode.DeadStores): the benchmark loop idiom
  for (auto _ : state) {
    auto secret = VerifySignature("demo", ProductPayload(), sig, Secrets(), kNow);
    auto payload = DecodePayload(ProductPayload(), {});
    benchmark::DoNotOptimize(TransformId("demo", *payload));
    benchmark::DoNotOptimize(secret);
  }
}
BENCHMARK(BM_VerifyDecodeAndId);

}  // namespace
}  // namespace immagin
