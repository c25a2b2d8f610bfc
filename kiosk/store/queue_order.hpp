// The order in which the desk calls the waiting tickets of a service (issue 16), once for every query that needs
// it: priority first; then women whose appointment time has come (on time or early: tickets.appointment_at set), by
// their slot; then everyone else by arrival, an early woman by her slot; issue order last. "Call next" takes the
// first; the kiosk's "people ahead" counts the tickets that sort before hers, so that both tell the same story.
#pragma once
#include <string>

namespace shubbak {

// The SQL sort key of a ticket row, ascending, as a comma-separated list usable after ORDER BY or inside a row value
// `(…) < (…)`. `t` is the table's alias ("" for none); `now` the SQL expression of the time the order is taken at
// (an RFC 3339 UTC text, e.g. "?").
inline std::string queue_order_key(const std::string& t, const std::string& now) {
  const std::string p = t.empty() ? "" : t + ".";
  return "-" + p + "priority, CASE WHEN " + p + "appointment_at IS NOT NULL AND " + p + "appointment_at <= " + now +
         " THEN 0 ELSE 1 END, coalesce(" + p + "appointment_at, " + p + "issued_at), " + p + "rowid";
}

}  // namespace shubbak
