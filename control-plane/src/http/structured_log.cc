#include "http/structured_log.h"

#include <cstdio>
#include <mutex>

#include "calendar.h"

namespace immagin::cp {

void LogEvent(std::string_view level, std::string_view message, const immagin::Json& fields) {
  immagin::Json line = fields.is_object() ? fields : immagin::Json::object();
  line["ts"] = FormatIso8601Millis(NowMillis());
  line["level"] = std::string(level);
  line["msg"] = std::string(message);
  std::string text = DumpJson(line) + "\n";
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace immagin::cp
