// The counter role inside shubbak-kiosk: a CounterSession (kiosk/store/counter_session.hpp: the flow, its effects
// on the store, the snapshot re-read when another process writes) drawn with ImGui. When a kiosk of the centre
// started with its last good catalogue (the new one was refused), the console says so.
#pragma once
#include <string>

#include "kiosk/app/role.hpp"
#include "kiosk/store/counter_session.hpp"
#include "kiosk/ui/counter_view.hpp"

namespace shubbak::app {

class CounterRole final : public Role {
 public:
  CounterRole(store::Database& db, const CentreConfig& config, const Clock& clock);
  void draw(ui::Ui& ui) override;
  void act() override;
  void touch() override { session_.dispatch(cev::Touch{}); }
  // True when the database changed since the last look (the view was refreshed: redraw).
  bool poll() override { return session_.poll(); }
  bool tick() override;
  int tick_ms() const override { return config_.settings.tuning.data_version_poll_ms; }
  std::string lang() const override { return session_.lang(); }
  std::string screen_name() const override { return counter_screen_name(session_.state().screen); }

 private:
  const CentreConfig& config_;
  CounterSession session_;
  ui::CounterIntents intents_;  // from the last frame
};

}  // namespace shubbak::app
