// The console's files, embedded at build time (console_assets_data.c, C23 #embed).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace immagin::cp {

struct ConsoleAsset {
  std::string_view content_type;
  std::string_view bytes;
};

// "index.html", "app.js", "style.css"; nullopt for anything else.
std::optional<ConsoleAsset> FindConsoleAsset(std::string_view name);

}  // namespace immagin::cp
