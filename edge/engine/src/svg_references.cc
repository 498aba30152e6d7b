#include "svg_references.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace luna {
namespace {

std::string Lower(std::span<const uint8_t> bytes) {
  std::string out(bytes.begin(), bytes.end());
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t SkipSpaces(std::string_view text, size_t at) {
  while (at < text.size() && IsSpace(text[at])) ++at;
  return at;
}

// Every `href = "…"` (any namespace prefix) and `url( … )` must point inside the document.
bool EveryReferenceIsLocal(std::string_view text) {
  for (size_t at = text.find("href"); at != std::string_view::npos;
       at = text.find("href", at + 4)) {
    size_t v = SkipSpaces(text, at + 4);
    if (v >= text.size() || text[v] != '=') continue;  // "href" as text, not an attribute
    v = SkipSpaces(text, v + 1);
    if (v < text.size() && (text[v] == '"' || text[v] == '\'')) ++v;
    if (v >= text.size() || text[v] != '#') return false;
  }
  for (size_t at = text.find("url("); at != std::string_view::npos;
       at = text.find("url(", at + 4)) {
    size_t v = SkipSpaces(text, at + 4);
    if (v < text.size() && (text[v] == '"' || text[v] == '\'')) ++v;
    if (v >= text.size() || text[v] != '#') return false;
  }
  return true;
}

}  // namespace

immagin::Status RefuseSvgReferences(std::span<const uint8_t> svg) {
  const auto refuse = [](std::string_view what) {
    return immagin::Error{immagin::ErrorCode::kUnprocessable, "",
                          "SVG originals may not " + std::string(what) +
                              " (only self-contained vector SVG is accepted)"};
  };
  if (svg.size() >= 2 && svg[0] == 0x1f && svg[1] == 0x8b) return refuse("be gzip-compressed");
  const std::string text = Lower(svg);
  for (const std::string_view element : {"<image", "<feimage", "<svg:image", "<svg:feimage"}) {
    if (text.find(element) != std::string::npos) return refuse("embed images");
  }
  if (text.find("<!entity") != std::string::npos) return refuse("declare entities");
  if (text.find("xinclude") != std::string::npos) return refuse("include other documents");
  if (text.find("data:") != std::string::npos || !EveryReferenceIsLocal(text)) {
    return refuse("reference other documents or data: URLs");
  }
  return {};
}

}  // namespace luna
