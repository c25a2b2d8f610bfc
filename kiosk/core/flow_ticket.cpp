#include "kiosk/core/flow_ticket.hpp"

namespace shubbak {

namespace {

constexpr const char* N_(const char* key) { return key; }  // translation keys used from this table

const char* const kWeekdays[] = {N_("day.mon"), N_("day.tue"), N_("day.wed"), N_("day.thu"),
                                 N_("day.fri"), N_("day.sat"), N_("day.sun")};

bool parse(const std::string& ymd, int& y, int& m, int& d) {
  if (ymd.size() != 10 || ymd[4] != '-' || ymd[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (ymd[i] < '0' || ymd[i] > '9') return false;
  y = std::stoi(ymd.substr(0, 4));
  m = std::stoi(ymd.substr(5, 2));
  d = std::stoi(ymd.substr(8, 2));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::string weekday_key(const std::string& ymd) {
  int y, m, d;
  if (!parse(ymd, y, m, d)) return "";
  const long days = days_from_civil(y, m, d);       // 1970-01-01 was a Thursday
  const long monday_based = ((days % 7) + 7 + 3) % 7;  // 0 = Monday
  return kWeekdays[monday_based];
}

std::string day_month(const std::string& ymd) {
  int y, m, d;
  if (!parse(ymd, y, m, d)) return ymd;
  return ymd.substr(8, 2) + "/" + ymd.substr(5, 2);
}

}  // namespace shubbak
