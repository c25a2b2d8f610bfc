#include "kiosk/app/appointment_lookup.hpp"

#include "kiosk/store/appointment_store.hpp"

namespace shubbak::app {

std::optional<ev::AppointmentFound> find_todays_appointment(KioskStore& store, IdentityKind kind,
                                                            const std::string& normalized, TimePoint now,
                                                            const TimeZone& zone) {
  std::optional<Appointment> a;
  if (kind == IdentityKind::AppointmentCode) {
    a = store.appointments().find_today_by_code(normalized, now);
  } else if (auto visitor = store.find_visitor(kind, normalized)) {
    a = store.appointments().find_today(*visitor, now);
  }
  if (!a) return std::nullopt;
  return ev::AppointmentFound{a->id, a->visitor_id, a->service_id, local_hhmm(a->slot_start, zone)};
}

}  // namespace shubbak::app
