#include "common/posix_tz.hpp"

#include <cctype>
#include <chrono>

namespace shubbak {

namespace {

namespace chr = std::chrono;

// A zone abbreviation: "CET", or quoted "<+01>", "<-0330>".
bool skip_name(std::string_view& s) {
  size_t n = 0;
  if (!s.empty() && s[0] == '<') {
    n = s.find('>');
    if (n == std::string_view::npos || n < 4) return false;
    s.remove_prefix(n + 1);
    return true;
  }
  while (n < s.size() && std::isalpha(static_cast<unsigned char>(s[n]))) ++n;
  if (n < 3) return false;
  s.remove_prefix(n);
  return true;
}

bool read_number(std::string_view& s, int max, int& out) {
  size_t n = 0;
  out = 0;
  while (n < s.size() && n < 3 && std::isdigit(static_cast<unsigned char>(s[n]))) out = out * 10 + (s[n++] - '0');
  if (n == 0 || out > max) return false;
  s.remove_prefix(n);
  return true;
}

// [+-]hh[:mm[:ss]] in seconds, sign as written (POSIX offsets count west of UTC as positive).
bool read_time(std::string_view& s, int max_hours, int32_t& out) {
  int sign = 1;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
  }
  int h = 0, m = 0, sec = 0;
  if (!read_number(s, max_hours, h)) return false;
  if (!s.empty() && s[0] == ':') {
    s.remove_prefix(1);
    if (!read_number(s, 59, m)) return false;
    if (!s.empty() && s[0] == ':') {
      s.remove_prefix(1);
      if (!read_number(s, 59, sec)) return false;
    }
  }
  out = sign * (h * 3600 + m * 60 + sec);
  return true;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t days_of(int year, unsigned month, unsigned day) {
  return chr::sys_days(chr::year(year) / chr::month(month) / chr::day(day)).time_since_epoch().count();
}

}  // namespace

std::optional<PosixTz::Rule> PosixTz::parse_rule(std::string_view& s) {
  Rule r;
  if (!s.empty() && s[0] == 'M') {
    s.remove_prefix(1);
    r.kind = Rule::MonthWeekDay;
    if (!read_number(s, 12, r.month) || r.month < 1 || s.empty() || s[0] != '.') return std::nullopt;
    s.remove_prefix(1);
    if (!read_number(s, 5, r.week) || r.week < 1 || s.empty() || s[0] != '.') return std::nullopt;
    s.remove_prefix(1);
    if (!read_number(s, 6, r.day)) return std::nullopt;
  } else if (!s.empty() && s[0] == 'J') {
    s.remove_prefix(1);
    r.kind = Rule::JulianNoLeap;
    if (!read_number(s, 365, r.day) || r.day < 1) return std::nullopt;
  } else {
    r.kind = Rule::ZeroBased;
    if (!read_number(s, 365, r.day)) return std::nullopt;
  }
  if (!s.empty() && s[0] == '/') {
    s.remove_prefix(1);
    if (!read_time(s, 167, r.time)) return std::nullopt;
  }
  return r;
}

std::optional<PosixTz> PosixTz::parse(std::string_view s) {
  PosixTz z;
  int32_t west = 0;
  if (!skip_name(s) || !read_time(s, 24, west)) return std::nullopt;
  z.std_offset_ = -west;
  if (s.empty()) return z;
  if (!skip_name(s)) return std::nullopt;
  z.has_dst_ = true;
  z.dst_offset_ = z.std_offset_ + 3600;
  if (!s.empty() && s[0] != ',') {
    if (!read_time(s, 24, west)) return std::nullopt;
    z.dst_offset_ = -west;
  }
  if (s.empty()) {  // no rule: glibc's default (United States rules since 2007)
    z.start_ = Rule{Rule::MonthWeekDay, 0, 2, 3, 2 * 3600};
    z.end_ = Rule{Rule::MonthWeekDay, 0, 1, 11, 2 * 3600};
    return z;
  }
  if (s[0] != ',') return std::nullopt;
  s.remove_prefix(1);
  auto start = parse_rule(s);
  if (!start || s.empty() || s[0] != ',') return std::nullopt;
  s.remove_prefix(1);
  auto end = parse_rule(s);
  if (!end || !s.empty()) return std::nullopt;
  z.start_ = *start;
  z.end_ = *end;
  return z;
}

int64_t PosixTz::when(const Rule& r, int year, int32_t offset) {
  int64_t day = 0;
  switch (r.kind) {
    case Rule::JulianNoLeap:  // 1..365, February 29 never counted
      day = days_of(year, 1, 1) + r.day - 1 + (is_leap(year) && r.day >= 60 ? 1 : 0);
      break;
    case Rule::ZeroBased: day = days_of(year, 1, 1) + r.day; break;
    case Rule::MonthWeekDay: {
      const int64_t first = days_of(year, static_cast<unsigned>(r.month), 1);
      const unsigned first_wd = chr::weekday(chr::sys_days(chr::days(first))).c_encoding();
      int64_t d = first + (r.day - static_cast<int>(first_wd) + 7) % 7 + 7 * (r.week - 1);
      const int64_t next_month =
          r.month == 12 ? days_of(year + 1, 1, 1) : days_of(year, static_cast<unsigned>(r.month + 1), 1);
      while (d >= next_month) d -= 7;  // week 5 means the last one of the month
      day = d;
      break;
    }
  }
  return day * 86400 + r.time - offset;
}

int32_t PosixTz::offset_at(int64_t utc) const {
  if (!has_dst_) return std_offset_;
  const auto local_days = chr::floor<chr::days>(chr::sys_seconds(chr::seconds(utc + std_offset_)));
  const int year = static_cast<int>(chr::year_month_day(local_days).year());
  const int64_t start = when(start_, year, std_offset_), end = when(end_, year, dst_offset_);
  const bool dst = start < end ? (utc >= start && utc < end)     // northern: summer inside the year
                               : !(utc >= end && utc < start);  // southern: summer across the new year
  return dst ? dst_offset_ : std_offset_;
}

}  // namespace shubbak
