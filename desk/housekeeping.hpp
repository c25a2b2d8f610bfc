// The desk's housekeeping (it runs all day on the centre PC): at start, then every limits::kHousekeepingSeconds on
// the watcher's thread, the booked appointments of days before today are marked missed, with their upstream records
// (AppointmentStore::mark_missed). Logs counts only.
#pragma once
#include <string>

#include "common/centre_settings.hpp"
#include "common/clock.hpp"

namespace shubbak::desk {

// On its own connection to DATA's store; how many were marked (StoreError if the store cannot be used).
int mark_missed_appointments(const std::string& data_dir, const CentreConfig& config, TimePoint now);

}  // namespace shubbak::desk
