#include "routes/console_assets.h"

#include <cstddef>

extern "C" {
extern const unsigned char immagin_console_index_html[];
extern const size_t immagin_console_index_html_size;
extern const unsigned char immagin_console_app_js[];
extern const size_t immagin_console_app_js_size;
extern const unsigned char immagin_console_style_css[];
extern const size_t immagin_console_style_css_size;
}

namespace immagin::cp {
namespace {

std::string_view View(const unsigned char* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace

std::optional<ConsoleAsset> FindConsoleAsset(std::string_view name) {
  if (name == "index.html")
    return ConsoleAsset{"text/html; charset=utf-8",
                        View(immagin_console_index_html, immagin_console_index_html_size)};
  if (name == "app.js")
    return ConsoleAsset{"application/javascript; charset=utf-8",
                        View(immagin_console_app_js, immagin_console_app_js_size)};
  if (name == "style.css")
    return ConsoleAsset{"text/css; charset=utf-8",
                        View(immagin_console_style_css, immagin_console_style_css_size)};
  return std::nullopt;
}

}  // namespace immagin::cp
