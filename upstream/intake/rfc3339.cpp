// RFC 3339 times in UTC as kiosks write them ("2026-11-29T09:10:02Z", an optional fraction): the form and a real
// date and time (no 2026-13-40, no 25:61). Years 1970-9999: what PostgreSQL's timestamptz takes without surprise.
#include <string_view>

#include "upstream/intake/batch.hpp"

namespace shubbak::upstream::intake {

namespace {

bool digits(std::string_view s, size_t at, size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

bool is_rfc3339_utc(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z
  int y, mo, d, h, mi, sec;
  if (s.size() < 20 || s.size() > 30) return false;
  if (!digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' || !digits(s, 8, 2, d) ||
      s[10] != 'T' || !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
      !digits(s, 17, 2, sec))
    return false;
  size_t at = 19;
  if (s[at] == '.') {
    size_t start = ++at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
    if (at == start || at - start > 9) return false;
  }
  if (at + 1 != s.size() || s[at] != 'Z') return false;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return false;
  return h <= 23 && mi <= 59 && sec <= 59;
}

}  // namespace shubbak::upstream::intake
