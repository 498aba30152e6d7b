// One JSON object per line on stderr: {"ts":…,"level":…,"msg":…, fields…}.
#pragma once

#include <string_view>

#include "immagin/json.h"

namespace immagin::cp {

void LogEvent(std::string_view level, std::string_view message,
              const immagin::Json& fields = immagin::Json::object());

}  // namespace immagin::cp
