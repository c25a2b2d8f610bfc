// What the staff console draws from. Built by the app from the store, refreshed when the database changes.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/catalogue.hpp"
#include "kiosk/core/counter_flow.hpp"
#include "kiosk/ui/kit.hpp"
#include "kiosk/core/registration.hpp"

namespace shubbak::ui {

struct StaffEntry {
  std::string login, name;
};

struct QueueEntry {
  std::string id, number, service_id;
  bool priority = false;
  int waiting_minutes = 0;
};

// Whether the records reached the ministry, for words on the console.
struct SyncSummary {
  std::string when;     // local HH:MM of the last successful send, "-" if never
  int64_t waiting = 0;  // records not yet acknowledged
  int64_t quarantined = 0;  // records the ministry refused (set aside, the rest keeps flowing)
  std::string problem;  // sync_status.last_error_kind, empty when fine
};

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
