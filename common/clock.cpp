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

static std::tm local_tm(TimePoint t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  return tm;
}

std::string local_day(TimePoint t) {
  std::tm tm = local_tm(t);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string local_hhmm(TimePoint t) {
  std::tm tm = local_tm(t);
  char buf[8];
  std::strftime(buf, sizeof buf, "%H:%M", &tm);
  return buf;
}

TimePoint from_local(int year, int month, int day, int hour, int minute, int second) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  tm.tm_isdst = -1;
  return std::chrono::system_clock::from_time_t(std::mktime(&tm));
}

}  // namespace shubbak
