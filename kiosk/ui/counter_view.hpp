// What the ImGui staff console draws from: the session's state and snapshot (kiosk/store/counter_session.hpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/catalogue.hpp"
#include "kiosk/core/counter_console.hpp"
#include "kiosk/core/counter_flow.hpp"
#include "kiosk/ui/kit.hpp"
#include "kiosk/core/registration.hpp"

namespace shubbak::ui {

using shubbak::QueueEntry;
using shubbak::StaffEntry;
using shubbak::SyncSummary;

struct CounterView {
  const CounterState& state;
  const Catalogue& catalogue;
  std::vector<StaffEntry> staff;
  std::vector<QueueEntry> queue;             // this counter's services, priority first
  std::optional<VisitorDetails> details;     // the visitor being served, registered ones only
  int call_staff_alerts = 0;                 // "call staff" pressed at the kiosk, not yet handled
  SyncSummary sync;
  int today_tickets = 0, today_served = 0;  // this counter's services, today
  double today_median_wait = 0;  // the median of all their waits (issued -> called)
};

using CounterIntents = std::vector<CounterEvent>;

void draw_counter_signin(Ui& ui, const CounterView& v, CounterIntents& out);
void draw_counter_console(Ui& ui, const CounterView& v, CounterIntents& out);

}  // namespace shubbak::ui
