// A component's settings as one table: each entry names its environment variable and its
// command-line flag, says what it is for, shows its value and parses a new one within its
// bounds. Loading, the errors of a bad value, --help and the docs' check all read that one
// list, so a setting cannot exist in one of them and not the others.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "immagin/status.h"

namespace immagin {

template <class Config>
struct Setting {
  std::string name;  // the environment variable, e.g. LUNA_MAX_QUEUE
  std::string flag;  // the flag without "--"; empty: environment only (secrets, host-only)
  std::string help;
  std::function<std::string(const Config&)> show;
  std::function<Status(Config&, const std::string&)> parse;  // errors name `name`
};

// Values by setting name: the environment's first, then each `--flag value` over it.
using SettingValues = std::map<std::string, std::string>;

template <class Config, class T>
Setting<Config> NumberSetting(std::string name, std::string flag, std::string help,
                              T Config::* field, long long min, long long max) {
  static_assert(std::is_integral_v<T>);
  return {name, std::move(flag), std::move(help),
          [field](const Config& c) { return std::to_string(c.*field); },
          [field, name, min, max](Config& c, const std::string& text) -> Status {
            char* end = nullptr;
            const long long value = std::strtoll(text.c_str(), &end, 10);
            if (text.empty() || *end != '\0' || value < min || value > max) {
              return InvalidArgument(name, "must be an integer between " + std::to_string(min) +
                                               " and " + std::to_string(max) + ", got \"" + text +
                                               "\"");
            }
            c.*field = static_cast<T>(value);
            return {};
          }};
}

template <class Config>
Setting<Config> TextSetting(std::string name, std::string flag, std::string help,
                            std::string Config::* field) {
  return {std::move(name), std::move(flag), std::move(help),
          [field](const Config& c) { return c.*field; },
          [field](Config& c, const std::string& text) -> Status {
            c.*field = text;
            return {};
          }};
}

// The settings of a part (e.g. the engine's) as settings of the whole that holds it.
template <class Outer, class Inner>
std::vector<Setting<Outer>> Nest(const std::vector<Setting<Inner>>& inner, Inner Outer::* part) {
  std::vector<Setting<Outer>> outer;
  for (const Setting<Inner>& s : inner) {
    outer.push_back({s.name, s.flag, s.help,
                     [show = s.show, part](const Outer& o) { return show(o.*part); },
                     [parse = s.parse, part](Outer& o, const std::string& text) {
                       return parse(o.*part, text);
                     }});
  }
  return outer;
}

template <class Config>
SettingValues ReadEnvironment(const std::vector<Setting<Config>>& table) {
  SettingValues values;
  for (const Setting<Config>& s : table) {
    if (const char* v = std::getenv(s.name.c_str()); v != nullptr && *v != '\0') values[s.name] = v;
  }
  return values;
}

// `--flag value` pairs over `values`; an unknown flag or a missing value is an error.
template <class Config>
Status ReadFlags(const std::vector<Setting<Config>>& table, int argc, char** argv,
                 SettingValues& values) {
  for (int i = 1; i < argc; i += 2) {
    const std::string arg = argv[i];
    const Setting<Config>* found = nullptr;
    for (const Setting<Config>& s : table) {
      if (!s.flag.empty() && arg == "--" + s.flag) found = &s;
    }
    if (found == nullptr) return InvalidArgument(arg, "unknown option (see --help)");
    if (i + 1 >= argc) return InvalidArgument(arg, "needs a value");
    values[found->name] = argv[i + 1];
  }
  return {};
}

template <class Config>
Status ApplySettings(const std::vector<Setting<Config>>& table, const SettingValues& values,
                     Config& config) {
  for (const Setting<Config>& s : table) {
    if (const auto it = values.find(s.name); it != values.end()) {
      if (Status status = s.parse(config, it->second); !status) return status;
    }
  }
  return {};
}

// The defaults, then whatever the environment sets, then `validate` (the config's own rules
// across settings).
template <class Config>
Result<Config> ConfigFromEnvironment(const std::vector<Setting<Config>>& table,
                                     Status (Config::*validate)() const) {
  Config config;
  if (Status s = ApplySettings(table, ReadEnvironment(table), config); !s) return s.error();
  if (Status s = (config.*validate)(); !s) return s.error();
  return config;
}

// One line per setting: name, flag, default, help.
template <class Config>
std::string SettingsHelp(const std::vector<Setting<Config>>& table) {
  const Config defaults{};
  std::string out;
  for (const Setting<Config>& s : table) {
    std::string line = "  " + s.name;
    if (!s.flag.empty()) line += ", --" + s.flag;
    line.resize(std::max<size_t>(line.size() + 1, 48), ' ');
    const std::string value = s.show(defaults);
    out += line + s.help + (value.empty() ? "" : " (default " + value + ")") + "\n";
  }
  return out;
}

}  // namespace immagin
