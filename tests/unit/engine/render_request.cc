#include "render_request.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "immagin/canonical.h"
#include "immagin/edit_parser.h"

namespace luna::testing {

immagin::Result<Rendered> Render(const Bytes& original, const std::string& edits_json,
                                 const std::string& output_json, const EngineConfig& config,
                                 const Overlays& overlays) {
  if (auto s = InitEngine(); !s) return s.error();
  auto edits = immagin::ParseJson(edits_json, "edits");
  if (!edits) return edits.error();
  auto list = immagin::ParseEdits(*edits, {});
  if (!list) return list.error();
  auto out = immagin::ParseJson(output_json, "output");
  if (!out) return out.error();
  auto output = immagin::ParseOutput(*out);
  if (!output) return output.error();
  return Transform(original, immagin::Canonicalize(*list), immagin::Canonicalize(*output), config,
                   overlays);
}

std::string RenderOk(const Bytes& original, const std::string& edits_json,
                     const std::string& output_json, const EngineConfig& config) {
  auto r = Render(original, edits_json, output_json, config);
  EXPECT_TRUE(r.ok()) << edits_json << " " << output_json << ": "
                      << (r.ok() ? "" : r.error().ToString());
  return r.ok() ? r->bytes : std::string();
}

std::string TestdataDir() {
  const std::filesystem::path dir = IMMAGIN_TESTDATA_DIR;
  return std::filesystem::exists(dir / "MANIFEST.tsv") ? dir.string() : std::string();
}

Bytes ReadTestImage(const std::string& name) {
  std::ifstream in(std::filesystem::path(TestdataDir()) / name, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace luna::testing
