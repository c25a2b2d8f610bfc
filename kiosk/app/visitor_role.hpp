// The visitor's kiosk: runs the VisitorFlow, draws its screens, and performs its effects (save a ticket, look up a
// registration, alert the counter, speak, print).
#pragma once
#include "kiosk/app/role.hpp"
#include "kiosk/app/role_context.hpp"
#include "kiosk/app/ticket_printer.hpp"
#include "kiosk/core/flow.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/ui/visitor_view.hpp"

namespace shubbak::app {

class VisitorRole final : public Role {
 public:
  // printer: null when the centre has none.
  VisitorRole(const RoleContext& ctx, KioskStore& store, const TicketPrinter* printer);
  void draw(ui::Ui& ui) override;
  void act() override;
  void touch() override { dispatch(ev::Touch{}); }
  bool tick() override;
  bool timers_active() const override { return state_.screen != Screen::Welcome || state_.saving; }
  int tick_ms() const override { return 1000; }
  std::string lang() const override;
  std::string screen_name() const override { return shubbak::screen_name(state_.screen); }
  bool catalogue_may_change() const override { return state_.screen == Screen::Welcome && !state_.saving; }

 private:
  void dispatch(const Event& e);
  void perform(const Effect& effect);
  void issue(const fx::IssueTicket& issue);
  void look_up(const fx::LookupVisitor& look);
  void keep_phone(const fx::KeepTicketPhone& keep);
  void look_up(const fx::LookupAppointment& look);
  void play(const fx::PlayPrompt& p);

  RoleContext ctx_;
  KioskStore& store_;
  const TicketPrinter* printer_;
  VisitorFlow flow_;
  FlowState state_;
  ui::Intents intents_;  // from the last frame
};

}  // namespace shubbak::app
