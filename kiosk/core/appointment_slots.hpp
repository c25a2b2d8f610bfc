// A service's appointment slots (issue 16), from its catalogue SlotPlan: pure, no store. Days are the centre's
// local days ("YYYY-MM-DD" in its zone), slots are instants (their local start, read in that zone).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/catalogue.hpp"
#include "common/clock.hpp"

namespace shubbak {

// Appointments are offered this many days ahead at most (the next free slot is looked for that far).
inline constexpr int kAppointmentHorizonDays = 90;

// 0 = Sunday ... 6 = Saturday for "YYYY-MM-DD"; -1 if it is not a date.
int weekday_of_day(const std::string& day);
// "2026-12-01" + 1 -> "2026-12-02" (calendar arithmetic, no zone). Empty if `day` is not a date.
std::string add_days(const std::string& day, int days);
// The slot starts of this local day, in order; none if the service takes no appointments or not on that weekday.
std::vector<TimePoint> slots_of_day(const SlotPlan& plan, const std::string& day, const TimeZone& zone);
// Whether `start` is one of the plan's slot starts (on its local day).
bool is_slot_start(const SlotPlan& plan, TimePoint start, const TimeZone& zone);
// The first slot starting at or after `from` with fewer than plan.capacity bookings. `booked` counts bookings by
// slot start in RFC 3339 UTC (to_rfc3339_utc); a slot missing from it has none. Looked for over `horizon_days`.
std::optional<TimePoint> next_free_slot(const SlotPlan& plan, TimePoint from, const std::map<std::string, int>& booked,
                                        const TimeZone& zone, int horizon_days = kAppointmentHorizonDays);

}  // namespace shubbak
