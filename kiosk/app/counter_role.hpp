// The counter role inside shubbak-kiosk: runs the CounterFlow, performs its effects on the store, and keeps the
// console's view fresh when another process (the kiosk) writes (PRAGMA data_version, polled on a timer).
// When a kiosk of the centre started with its last good catalogue (the new one was refused), the console says so.
#pragma once
#include <string>

#include "kiosk/app/role.hpp"

#include "kiosk/core/counter_flow.hpp"
#include "kiosk/store/counter_store.hpp"
#include "kiosk/ui/counter_view.hpp"
#include "kiosk/store/staff_store.hpp"

namespace shubbak::app {

class CounterRole final : public Role {
 public:
  CounterRole(store::Database& db, const CentreConfig& config, const Clock& clock);
  void draw(ui::Ui& ui) override;
  void act() override;
  void touch() override { dispatch(cev::Touch{}); }
  // True when the database changed since the last look (the view was refreshed: redraw).
  bool poll() override;
  bool tick() override;
  int tick_ms() const override { return config_.settings.tuning.data_version_poll_ms; }
  std::string lang() const override;
  std::string screen_name() const override { return counter_screen_name(state_.screen); }

 private:
  void dispatch(const CounterEvent& e);
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
  bool catalogue_fallback_ = false;  // an unresolved "catalogue_fallback" alert: a line on the console
  ui::CounterIntents intents_;       // from the last frame
  ui::SyncSummary sync_;
  ServiceFigures today_;  // this counter's services together, today
  int64_t seen_version_ = -1;
};

}  // namespace shubbak::app
