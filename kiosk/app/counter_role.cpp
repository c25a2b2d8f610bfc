#include "kiosk/app/counter_role.hpp"

namespace shubbak::app {

CounterRole::CounterRole(store::Database& db, const CentreConfig& config, const Clock& clock)
    : config_(config), session_(db, config, clock) {}

void CounterRole::draw(ui::Ui& ui) {
  intents_.clear();
  const CounterState& state = session_.state();
  const ConsoleSnapshot& snap = session_.snapshot();
  // The console's message line says it while no other message (a wrong PIN, nobody waiting) needs it.
  const CounterState* shown = &state;
  CounterState with_note;
  if (snap.catalogue_fallback && state.message.empty()) {
    with_note = state;
    with_note.message = ui::N_("counter.catalogue_fallback");
    shown = &with_note;
  }
  ui::CounterView view{*shown,          config_.catalogue,      snap.staff,         snap.queue,
                       snap.details,    snap.call_staff_alerts, snap.sync,          snap.today_tickets,
                       snap.today_served, snap.today_median_wait};
  if (state.screen == CounterScreen::SignIn) ui::draw_counter_signin(ui, view, intents_);
  else ui::draw_counter_console(ui, view, intents_);
}

void CounterRole::act() {
  ui::CounterIntents intents;
  intents.swap(intents_);
  for (const auto& e : intents) session_.dispatch(e);
}

bool CounterRole::tick() {
  CounterScreen was = session_.state().screen;
  session_.dispatch(cev::Tick{});
  return session_.state().screen != was;
}

}  // namespace shubbak::app
