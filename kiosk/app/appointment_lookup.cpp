#include "kiosk/app/appointment_lookup.hpp"

namespace shubbak::app {

namespace {

constexpr const char* kColumns = "SELECT a.id, a.visitor_id, a.service_id, a.slot_start FROM appointments a ";
constexpr const char* kToday = "a.state = 'booked' AND a.day = ? ORDER BY a.slot_start LIMIT 1";

std::string sql_for(IdentityKind kind) {
  switch (kind) {
    case IdentityKind::AppointmentCode: return std::string(kColumns) + "WHERE a.code = ? AND " + kToday;
    case IdentityKind::Cin:
      return std::string(kColumns) + "JOIN visitors v ON v.id = a.visitor_id WHERE v.cin_hash = ? AND " + kToday;
    case IdentityKind::Phone: break;
  }
  return std::string(kColumns) + "JOIN visitors v ON v.id = a.visitor_id WHERE v.phone_hash = ? AND " + kToday;
}

}  // namespace

std::optional<ev::AppointmentFound> find_todays_appointment(store::Database& db, KioskStore& store, IdentityKind kind,
                                                            const std::string& normalized, TimePoint now,
                                                            const TimeZone& zone) {
  auto st = db.prepare(sql_for(kind));
  if (kind == IdentityKind::AppointmentCode) st.bind(1, normalized);
  else st.bind_blob(1, store.identity_hash(kind, normalized));
  st.bind(2, local_day(now, zone));
  if (!st.step()) return std::nullopt;
  ev::AppointmentFound found{st.text(0), st.text(1), st.text(2), ""};
  TimePoint slot;
  if (parse_rfc3339_utc(st.text(3), slot)) found.time = local_hhmm(slot, zone);
  return found;
}

}  // namespace shubbak::app
