// The display role: shows the last calls, and announces each new call (a chime, then "ticket A-0-4-2, counter 3"
// in Arabic then French) — a new call waits until the previous one has been said.
#pragma once
#include <deque>
#include <string>
#include <vector>

#include "kiosk/app/role.hpp"
#include "kiosk/app/role_context.hpp"
#include "store/database.hpp"
#include "kiosk/ui/display_screen.hpp"

namespace shubbak::app {

class DisplayRole final : public Role {
 public:
  DisplayRole(store::Database& db, const RoleContext& ctx);
  void draw(ui::Ui& ui) override { ui::draw_display(ui, calls_); }
  void act() override {}
  void touch() override {}
  // Looks for new calls (cheap when nothing changed) and says the next one when the previous has been said;
  // true when the screen must be redrawn.
  bool poll() override;
  int tick_ms() const override { return ctx_.config.settings.tuning.data_version_poll_ms; }
  std::string lang() const override { return ctx_.config.settings.default_lang; }
  std::string screen_name() const override { return "display"; }

 private:
  void refresh(bool announce);
  void speak_next();
  store::Database& db_;
  RoleContext ctx_;
  std::vector<ui::CallEntry> calls_;
  std::deque<ui::CallEntry> to_announce_;
  std::string last_called_at_;
  int64_t seen_version_ = -1;
};

}  // namespace shubbak::app
