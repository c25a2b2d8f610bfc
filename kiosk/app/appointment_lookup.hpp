// "I have an appointment" at the kiosk: her booked appointment of today (the centre's day), found by the code
// printed on her last ticket, or by her phone or CIN through the keyed hashes of her registrations.
// For now it reads the `appointments` table (schema 6) itself; AppointmentStore answers it once merged.
#pragma once
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "common/time_zone.hpp"
#include "kiosk/core/flow.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "store/database.hpp"

namespace shubbak::app {

// The earliest booked appointment of today that matches; nothing if none. Throws store::StoreError.
std::optional<ev::AppointmentFound> find_todays_appointment(store::Database& db, KioskStore& store, IdentityKind kind,
                                                            const std::string& normalized, TimePoint now,
                                                            const TimeZone& zone);

}  // namespace shubbak::app
