#include "immagin/color.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

#include "css_named_colors.h"

namespace immagin {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::optional<Rgba> ParseHex(std::string_view hex) {
  std::vector<int> d;
  for (const char c : hex) {
    const int v = HexDigit(c);
    if (v < 0) return std::nullopt;
    d.push_back(v);
  }
  const auto at = [&](size_t i) { return static_cast<uint8_t>(d[i]); };
  switch (d.size()) {
    case 3:
    case 4: {
      Rgba c{static_cast<uint8_t>(at(0) * 17), static_cast<uint8_t>(at(1) * 17),
             static_cast<uint8_t>(at(2) * 17), 255};
      if (d.size() == 4) c.a = static_cast<uint8_t>(at(3) * 17);
      return c;
    }
    case 6:
    case 8: {
      Rgba c{static_cast<uint8_t>(at(0) * 16 + at(1)), static_cast<uint8_t>(at(2) * 16 + at(3)),
             static_cast<uint8_t>(at(4) * 16 + at(5)), 255};
      if (d.size() == 8) c.a = static_cast<uint8_t>(at(6) * 16 + at(7));
      return c;
    }
    default: return std::nullopt;
  }
}

// A plain decimal number with an optional '%' suffix; no exponents, no hex, no units.
struct Component {
  double value = 0;
  bool percent = false;
};

std::optional<Component> ParseComponent(std::string_view s) {
  s = Trim(s);
  Component c;
  if (!s.empty() && s.back() == '%') {
    c.percent = true;
    s.remove_suffix(1);
  }
  if (s.empty() || s.size() > 32) return std::nullopt;
  bool digits = false;
  bool dot = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch >= '0' && ch <= '9') {
      digits = true;
    } else if (ch == '.' && !dot) {
      dot = true;
    } else if ((ch == '-' || ch == '+') && i == 0) {
    } else {
      return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  // The string is a bounded plain decimal, so strtod cannot overflow or read past it.
  const std::string copy(s);
  c.value = std::strtod(copy.c_str(), nullptr);
  return c;
}

std::optional<uint8_t> Channel(const Component& c) {
  const double v = c.percent ? c.value * 255.0 / 100.0 : c.value;
  if (!(v >= 0.0 && v <= 255.0)) return std::nullopt;
  return static_cast<uint8_t>(std::lround(v));
}

std::optional<uint8_t> Alpha(const Component& c) {
  const double v = c.percent ? c.value / 100.0 : c.value;
  if (!(v >= 0.0 && v <= 1.0)) return std::nullopt;
  return static_cast<uint8_t>(std::lround(v * 255.0));
}

// rgb(1, 2, 3) rgb(1,2,3,0.5) rgba(...) rgb(1 2 3) rgb(1 2 3 / 50%)
std::optional<Rgba> ParseRgbFunction(std::string_view args) {
  std::vector<std::string_view> parts;
  std::string_view alpha_part;
  bool has_alpha = false;
  if (args.find(',') != std::string_view::npos) {
    size_t start = 0;
    while (true) {
      const size_t comma = args.find(',', start);
      parts.push_back(args.substr(start, comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (parts.size() == 4) {
      alpha_part = parts.back();
      has_alpha = true;
      parts.pop_back();
    }
  } else {
    const size_t slash = args.find('/');
    if (slash != std::string_view::npos) {
      alpha_part = args.substr(slash + 1);
      has_alpha = true;
      args = args.substr(0, slash);
    }
    size_t i = 0;
    while (i < args.size()) {
      while (i < args.size() && args[i] == ' ') ++i;
      const size_t start = i;
      while (i < args.size() && args[i] != ' ') ++i;
      if (i > start) parts.push_back(args.substr(start, i - start));
    }
  }
  if (parts.size() != 3) return std::nullopt;
  Rgba out;
  uint8_t* channels[3] = {&out.r, &out.g, &out.b};
  for (size_t i = 0; i < 3; ++i) {
    const auto comp = ParseComponent(parts[i]);
    if (!comp) return std::nullopt;
    const auto ch = Channel(*comp);
    if (!ch) return std::nullopt;
    *channels[i] = *ch;
  }
  if (has_alpha) {
    const auto comp = ParseComponent(alpha_part);
    if (!comp) return std::nullopt;
    const auto a = Alpha(*comp);
    if (!a) return std::nullopt;
    out.a = *a;
  }
  return out;
}

}  // namespace

Result<Rgba> ParseCssColor(std::string_view text, std::string_view field) {
  const std::string f(field);
  if (text.size() > 64) return InvalidArgument(f, "colour is too long (at most 64 characters)");
  const std::string s = Lower(Trim(text));
  if (s.empty()) return InvalidArgument(f, "colour must not be empty");

  if (s.front() == '#') {
    if (auto c = ParseHex(std::string_view(s).substr(1))) return *c;
    return InvalidArgument(
        f, "invalid hex colour \"" + s + "\" (expected #rgb, #rgba, #rrggbb or #rrggbbaa)");
  }
  for (const std::string_view fn : {std::string_view("rgba("), std::string_view("rgb(")}) {
    if (s.starts_with(fn)) {
      if (s.back() != ')') return InvalidArgument(f, "invalid colour \"" + s + "\": missing ')'");
      const std::string_view args = std::string_view(s).substr(fn.size(), s.size() - fn.size() - 1);
      if (auto c = ParseRgbFunction(args)) return *c;
      return InvalidArgument(f, "invalid colour \"" + s +
                                    "\" (expected rgb(r, g, b) or rgba(r, g, b, a) with "
                                    "channels 0-255 or 0%-100% and alpha 0-1)");
    }
  }
  if (s == "transparent") return Rgba{0, 0, 0, 0};
  const auto it = std::lower_bound(
      kCssNamedColors.begin(), kCssNamedColors.end(), s,
      [](const NamedColor& c, const std::string& name) { return c.name < std::string_view(name); });
  if (it != kCssNamedColors.end() && it->name == s) {
    return Rgba{static_cast<uint8_t>(it->rgb >> 16), static_cast<uint8_t>((it->rgb >> 8) & 0xff),
                static_cast<uint8_t>(it->rgb & 0xff), 255};
  }
  return InvalidArgument(f, "unknown colour \"" + s +
                                "\" (use a CSS colour name, #rrggbb, #rrggbbaa or rgb()/rgba())");
}

std::string ToHex(Rgba color) {
  char buf[10];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", color.r, color.g, color.b, color.a);
  return buf;
}

}  // namespace immagin
