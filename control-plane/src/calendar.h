// Wall-clock time and the UTC calendar the API speaks: ISO 8601 timestamps, billing
// months (YYYY-MM) and days (YYYY-MM-DD).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace immagin::cp {

int64_t NowSeconds();
int64_t NowMillis();

// "2026-11-27T14:51:07Z" / with milliseconds "2026-11-27T14:51:07.123Z".
std::string FormatIso8601(int64_t unix_seconds);
std::string FormatIso8601Millis(int64_t unix_millis);
std::string MonthOf(int64_t unix_seconds);  // "2026-11"
std::string DayOf(int64_t unix_seconds);    // "2026-11-27"
// A lifetime for a person to read in an email: "1 hour", "48 hours", "5 minutes", "2 seconds"
// (the largest of these units that divides it).
std::string DescribeDuration(int64_t seconds);

// Accepts exactly YYYY-MM with a month 01..12; gives the first second of the month and the
// number of days in it.
struct MonthRange {
  int64_t start = 0;
  int days = 0;
};
std::optional<MonthRange> ParseMonth(std::string_view month);

}  // namespace immagin::cp
