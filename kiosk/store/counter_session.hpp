// One staff member's console, in a desk's browser (shubbak-desk): the CounterFlow's state, its
// effects performed on the store (each action one transaction, audited), and the snapshot of what the console
// shows, re-read when the database changes (PRAGMA data_version) or after an action.
#pragma once
#include <cstdint>
#include <string>

#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "kiosk/core/counter_console.hpp"
#include "kiosk/core/counter_flow.hpp"
#include "kiosk/store/counter_store.hpp"
#include "kiosk/store/staff_store.hpp"
#include "store/database.hpp"

namespace shubbak {

class CounterSession {
 public:
  CounterSession(store::Database& db, const CentreConfig& config, const Clock& clock);
  CounterSession(const CounterSession&) = delete;
  CounterSession& operator=(const CounterSession&) = delete;

  // Runs the flow and performs its effects; the snapshot is re-read after an action or a change of screen.
  void dispatch(const CounterEvent& e);
  // True when the database changed since the last look (the snapshot was re-read).
  bool poll();
  const CounterState& state() const { return state_; }
  const ConsoleSnapshot& snapshot() const { return snap_; }
  // The staff member's language, else the centre's.
  std::string lang() const;
  int64_t seen_version() const { return seen_version_; }

 private:
  void perform(const CounterEffect& fx);
  void refresh();
  void refresh_console(TimePoint now);

  store::Database& db_;
  const CentreConfig& config_;
  const Clock& clock_;
  CounterFlow flow_;
  CounterState state_;
  StaffStore staff_;
  CounterStore counter_;
  ConsoleSnapshot snap_;
  std::string details_for_;  // ticket id the details were read for (each read is audited once)
  int64_t seen_version_ = -1;
};

}  // namespace shubbak
