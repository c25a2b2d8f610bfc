#include "kiosk/core/appointment_slots.hpp"

#include <algorithm>
#include <cstdio>

namespace shubbak {

namespace {

struct Date {
  int y = 0, m = 0, d = 0;
};

std::optional<Date> parse_day(const std::string& day) {
  Date t;
  char tail = 0;
  if (day.size() != 10 || std::sscanf(day.c_str(), "%4d-%2d-%2d%c", &t.y, &t.m, &t.d, &tail) != 3) return std::nullopt;
  if (t.m < 1 || t.m > 12 || t.d < 1 || t.d > 31) return std::nullopt;
  return t;
}

// Days since 1970-01-01 (H. Hinnant's algorithm, proleptic Gregorian).
long days_from_civil(Date t) {
  const int y = t.y - (t.m <= 2);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (t.m + (t.m > 2 ? -3 : 9)) + 2) / 5 + t.d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  Date t;
  t.d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.y = static_cast<int>(yoe + era * 400 + (t.m <= 2));
  return t;
}

}  // namespace

int weekday_of_day(const std::string& day) {
  auto t = parse_day(day);
  if (!t) return -1;
  const long z = days_from_civil(*t);
  return static_cast<int>(((z + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
}

std::string add_days(const std::string& day, int days) {
  auto t = parse_day(day);
  if (!t) return {};
  Date r = civil_from_days(days_from_civil(*t) + days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", r.y, r.m, r.d);
  return buf;
}

std::vector<TimePoint> slots_of_day(const SlotPlan& plan, const std::string& day, const TimeZone& zone) {
  std::vector<TimePoint> out;
  auto t = parse_day(day);
  if (!t || !plan.takes_appointments()) return out;
  const int wd = weekday_of_day(day);
  if (std::find(plan.weekdays.begin(), plan.weekdays.end(), wd) == plan.weekdays.end()) return out;
  for (const auto& [from, to] : plan.hours)
    for (int m = from; m + plan.minutes <= to; m += plan.minutes) out.push_back(from_local(t->y, t->m, t->d, m / 60, m % 60, zone));
  std::sort(out.begin(), out.end());
  return out;
}

bool is_slot_start(const SlotPlan& plan, TimePoint start, const TimeZone& zone) {
  auto slots = slots_of_day(plan, local_day(start, zone), zone);
  return std::find(slots.begin(), slots.end(), start) != slots.end();
}

std::optional<TimePoint> next_free_slot(const SlotPlan& plan, TimePoint from, const std::map<std::string, int>& booked,
                                        const TimeZone& zone, int horizon_days) {
  if (!plan.takes_appointments()) return std::nullopt;
  const std::string first = local_day(from, zone);
  for (int i = 0; i <= horizon_days; ++i)
    for (TimePoint s : slots_of_day(plan, add_days(first, i), zone)) {
      if (s < from) continue;
      auto it = booked.find(to_rfc3339_utc(s));
      if (it == booked.end() || it->second < plan.capacity) return s;
    }
  return std::nullopt;
}

}  // namespace shubbak
