// Runs the engine the way a request does: JSON edits and output → parse → canonicalise →
// Transform. Keeps the tests in the product's own vocabulary.
#pragma once

#include <string>

#include "luna/engine.h"
#include "synthetic_images.h"

namespace luna::testing {

immagin::Result<Rendered> Render(const Bytes& original, const std::string& edits_json,
                                 const std::string& output_json = "{}",
                                 const EngineConfig& config = {}, const Overlays& overlays = {});

// The rendered bytes, failing the test (with the engine's message) when rendering fails.
std::string RenderOk(const Bytes& original, const std::string& edits_json,
                     const std::string& output_json = "{}", const EngineConfig& config = {});

// The folder of real test images beside the checkout, or "" (tests then skip).
std::string TestdataDir();
Bytes ReadTestImage(const std::string& name);

}  // namespace luna::testing
