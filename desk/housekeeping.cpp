#include "desk/housekeeping.hpp"

#include "common/log.hpp"
#include "kiosk/store/appointment_store.hpp"
#include "store/data_dir.hpp"

namespace shubbak::desk {

int mark_missed_appointments(const std::string& data_dir, const CentreConfig& config, TimePoint now) {
  store::Database db = store::open_store(data_dir);
  const int n = AppointmentStore(db, config.catalogue, config.settings).mark_missed(now);
  if (n > 0) log::info("desk: " + std::to_string(n) + " appointment(s) of past days not kept: marked missed");
  return n;
}

}  // namespace shubbak::desk
