// "I have an appointment" at the kiosk: her booked appointment of today (the centre's day), found by the code
// printed on her last ticket, or by her phone or CIN through the keyed hashes of her registrations.
// AppointmentStore answers it (kiosk/store/appointment_store.hpp).
#pragma once
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "common/time_zone.hpp"
#include "kiosk/core/flow.hpp"
#include "kiosk/store/kiosk_store.hpp"

namespace shubbak::app {

// The earliest booked appointment of today that matches; nothing if none. Throws store::StoreError.
std::optional<ev::AppointmentFound> find_todays_appointment(KioskStore& store, IdentityKind kind,
                                                            const std::string& normalized, TimePoint now,
                                                            const TimeZone& zone);

}  // namespace shubbak::app
