// When a message is due (issue 18), as rows of sms_queue written through SmsQueue (which checks her `sms` consent
// in the same transaction):
// - her turn is near: a waiting ticket of today with at most [service] sms_ahead people ahead of her in the desk's
//   calling order (kiosk/store/queue_order.hpp), once per ticket;
// - the evening before an appointment, from [sms] reminder_hour, once per appointment and time (a moved one gets
//   its own reminder for the new time);
// moved and cancelled appointments are queued by AppointmentStore in the desk's own transaction.
// Only for a woman with a number: the one she registered.
#pragma once
#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "store/database.hpp"

namespace shubbak::sms {

struct PlanResult {
  int turn_near = 0, reminders = 0, cancelled = 0;
};

PlanResult plan_messages(store::Database& db, const CentreConfig& config, TimePoint now);

// Minutes since the centre's midnight.
int local_minute_of_day(TimePoint t, const TimeZone& zone);

}  // namespace shubbak::sms
