// A POSIX TZ rule ("<+01>-1", "CET-1CEST,M3.5.0,M10.5.0/3"): what a TZif file's footer says for every instant
// after its last listed transition. Parsed by hand: the process's TZ is never consulted.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace shubbak {

class PosixTz {
 public:
  // Nullopt if `spec` is not a POSIX TZ rule (as TZif v2+ footers write them, v3 extensions included).
  // A rule that names a summer time without saying when it starts and ends gets glibc's default: the
  // second Sunday of March to the first Sunday of November, at 02:00 (documented fallback; tzdata never writes it).
  static std::optional<PosixTz> parse(std::string_view spec);
  // Seconds east of UTC at the UTC instant `utc` (seconds since 1970).
  int32_t offset_at(int64_t utc) const;

 private:
  struct Rule {
    enum Kind { JulianNoLeap, ZeroBased, MonthWeekDay } kind = MonthWeekDay;
    int day = 0, week = 0, month = 0;  // Jn / n: day; Mm.w.d: month, week (5 = last), day (0 = Sunday)
    int32_t time = 2 * 3600;           // local time of the change, seconds (may be negative or past 24 h)
  };
  static std::optional<Rule> parse_rule(std::string_view& s);
  // UTC second at which `r` happens in `year`, the local clock then showing `offset` (seconds east).
  static int64_t when(const Rule& r, int year, int32_t offset);

  int32_t std_offset_ = 0;  // seconds east of UTC
  bool has_dst_ = false;
  int32_t dst_offset_ = 0;
  Rule start_, end_;
};

}  // namespace shubbak
