#include "calendar.h"

#include <chrono>
#include <cstdio>

namespace immagin::cp {
namespace {

std::chrono::year_month_day DateOf(int64_t unix_seconds) {
  using namespace std::chrono;
  return year_month_day{floor<days>(sys_seconds{seconds{unix_seconds}})};
}

}  // namespace

int64_t NowSeconds() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

int64_t NowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatIso8601(int64_t unix_seconds) {
  using namespace std::chrono;
  auto ymd = DateOf(unix_seconds);
  int64_t second_of_day = unix_seconds - sys_days{ymd}.time_since_epoch().count() * 86400LL;
  char text[32];
  std::snprintf(
      text, sizeof text, "%04d-%02u-%02uT%02lld:%02lld:%02lldZ", int{ymd.year()},
      unsigned{ymd.month()}, unsigned{ymd.day()}, static_cast<long long>(second_of_day / 3600),
      static_cast<long long>(second_of_day / 60 % 60), static_cast<long long>(second_of_day % 60));
  return text;
}

std::string FormatIso8601Millis(int64_t unix_millis) {
  int64_t seconds = unix_millis >= 0 ? unix_millis / 1000 : (unix_millis - 999) / 1000;
  std::string text = FormatIso8601(seconds);
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03lld",
                static_cast<long long>(unix_millis - seconds * 1000));
  text.insert(text.size() - 1, millis);
  return text;
}

std::string MonthOf(int64_t unix_seconds) { return DayOf(unix_seconds).substr(0, 7); }

std::string DayOf(int64_t unix_seconds) { return FormatIso8601(unix_seconds).substr(0, 10); }

std::optional<MonthRange> ParseMonth(std::string_view month) {
  using namespace std::chrono;
  if (month.size() != 7 || month[4] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6})
    if (month[i] < '0' || month[i] > '9') return std::nullopt;
  int y =
      (month[0] - '0') * 1000 + (month[1] - '0') * 100 + (month[2] - '0') * 10 + (month[3] - '0');
  unsigned m = static_cast<unsigned>((month[5] - '0') * 10 + (month[6] - '0'));
  if (m < 1 || m > 12 || y < 1970) return std::nullopt;
  year_month first{year{y}, std::chrono::month{m}};
  auto start = sys_days{first / 1};
  auto end = sys_days{(first + months{1}) / 1};
  return MonthRange{start.time_since_epoch().count() * 86400LL,
                    static_cast<int>((end - start).count())};
}

std::string DescribeDuration(int64_t seconds) {
  auto plural = [](int64_t n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  };
  if (seconds >= 3600 && seconds % 3600 == 0) return plural(seconds / 3600, "hour");
  if (seconds >= 60 && seconds % 60 == 0) return plural(seconds / 60, "minute");
  return plural(seconds, "second");
}

}  // namespace immagin::cp
