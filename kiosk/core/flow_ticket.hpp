// How the ticket (screen and paper) says the day of her next appointment: the weekday in her language (a
// translation key) and the day and month in digits, which read the same in every script.
#pragma once
#include <string>

namespace shubbak {

// "day.mon" … "day.sun" for a local day "YYYY-MM-DD"; "" if it is not one.
std::string weekday_key(const std::string& ymd);
// "08/12" for "2026-12-08"; the text unchanged if it is not a day.
std::string day_month(const std::string& ymd);

}  // namespace shubbak
