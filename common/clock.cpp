#include "common/clock.hpp"

#include <cstdio>
#include <ctime>

namespace shubbak {

std::string to_rfc3339_utc(TimePoint t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool parse_rfc3339_utc(const std::string& s, TimePoint& out) {
  std::tm tm{};
  char z = 0;
  int n = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                      &tm.tm_min, &tm.tm_sec, &z);
  if (n != 7 || z != 'Z' || s.size() != 20) return false;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::time_t tt = timegm(&tm);
  if (tt == static_cast<std::time_t>(-1)) return false;
  out = std::chrono::system_clock::from_time_t(tt);
  return true;
}

namespace {

namespace chr = std::chrono;

// The local wall-clock reading of t, as seconds since 1970 "as if UTC".
chr::sys_seconds local_seconds(TimePoint t, const TimeZone& zone) {
  return chr::floor<chr::seconds>(t) + chr::seconds(zone.offset_at(t));
}

// Zero-padded decimal digits, written into `out` from its end (no printf: the ticket path calls this each time).
void put_digits(char* out, int width, unsigned v) {
  for (int i = width - 1; i >= 0; --i, v /= 10) out[i] = static_cast<char>('0' + v % 10);
}

}  // namespace

std::string local_day(TimePoint t, const TimeZone& zone) {
  const chr::year_month_day d{chr::floor<chr::days>(local_seconds(t, zone))};
  std::string out = "0000-00-00";
  put_digits(&out[0], 4, static_cast<unsigned>(static_cast<int>(d.year())));
  put_digits(&out[5], 2, static_cast<unsigned>(d.month()));
  put_digits(&out[8], 2, static_cast<unsigned>(d.day()));
  return out;
}

std::string local_hhmm(TimePoint t, const TimeZone& zone) {
  const chr::sys_seconds s = local_seconds(t, zone);
  const chr::hh_mm_ss<chr::seconds> hms{s - chr::floor<chr::days>(s)};
  std::string out = "00:00";
  put_digits(&out[0], 2, static_cast<unsigned>(hms.hours().count()));
  put_digits(&out[3], 2, static_cast<unsigned>(hms.minutes().count()));
  return out;
}

TimePoint from_local(int year, int month, int day, int hour, int minute, int second, const TimeZone& zone) {
  const chr::sys_days date{chr::year(year) / chr::month(static_cast<unsigned>(month)) /
                           chr::day(static_cast<unsigned>(day))};
  const int64_t wall = chr::sys_seconds(date).time_since_epoch().count() + hour * 3600 + minute * 60 + second;
  // The offsets in force a day either side; the wall time is valid with one (or both) of them.
  const int32_t before = zone.offset_at_unix(wall - 86400), after = zone.offset_at_unix(wall + 86400);
  int64_t best = wall - before;  // neither fits: a skipped time, read with the offset before the change
  bool found = false;
  for (int32_t off : {before, after}) {
    const int64_t utc = wall - off;
    if (zone.offset_at_unix(utc) != off || (found && utc >= best)) continue;
    best = utc;
    found = true;
  }
  return TimePoint(chr::seconds(best));
}

}  // namespace shubbak
