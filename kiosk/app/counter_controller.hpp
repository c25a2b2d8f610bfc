// The counter role inside shubbak-kiosk: runs the CounterFlow, performs its effects on the store, and keeps the
// console's view fresh when another process (the kiosk) writes (PRAGMA data_version, polled on a timer).
#pragma once
#include <string>

#include "kiosk/core/counter_flow.hpp"
#include "kiosk/store/counter_store.hpp"
#include "kiosk/ui/counter_view.hpp"
#include "kiosk/store/staff_store.hpp"

namespace shubbak::app {

class CounterController {
 public:
  CounterController(store::Database& db, const CentreConfig& config, const Clock& clock);
  void draw(ui::Ui& ui, ui::CounterIntents& out);
  void dispatch(const CounterEvent& e);
  // True when the database changed since the last look (the view was refreshed: redraw).
  bool poll();
  const CounterState& state() const { return state_; }

 private:
  void perform(const CounterEffect& fx);
  void refresh();

  store::Database& db_;
  const CentreConfig& config_;
  const Clock& clock_;
  CounterFlow flow_;
  CounterState state_;
  StaffStore staff_;
  CounterStore counter_;
  std::vector<ui::StaffEntry> staff_list_;
  std::vector<ui::QueueEntry> queue_;
  std::optional<VisitorDetails> details_;
  std::string details_for_;  // ticket id the details were read for (each read is audited once)
  int alerts_ = 0;
  ui::SyncSummary sync_;
  int today_tickets_ = 0, today_served_ = 0;
  double today_median_ = 0;
  int64_t seen_version_ = -1;
};

}  // namespace shubbak::app
