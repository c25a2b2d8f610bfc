#include "kiosk/store/counter_session.hpp"

#include <chrono>
#include <stdexcept>

#include "common/log.hpp"

namespace shubbak {

CounterSession::CounterSession(store::Database& db, const CentreConfig& config, const Clock& clock)
    : db_(db), config_(config), clock_(clock),
      flow_(config.catalogue, config.settings.tuning.staff_idle_signout_seconds), staff_(db),
      counter_(db, config.catalogue, config.settings) {
  state_.last_activity = clock_.now();
  refresh();
}

bool CounterSession::poll() {
  if (db_.data_version() == seen_version_) return false;
  refresh();
  return true;
}

std::string CounterSession::lang() const {
  return state_.lang.empty() ? config_.settings.default_lang : state_.lang;
}

void CounterSession::refresh() {
  seen_version_ = -1;  // seen only once read whole: a read that failed half-way is read again at the next look
  const int64_t version = db_.data_version();
  const TimePoint now = clock_.now();
  snap_.catalogue_fallback =
      db_.scalar("SELECT count(*) FROM alerts WHERE kind='catalogue_fallback' AND resolved_at IS NULL") > 0;
  {  // the SMS notifier's trouble (sms/notifier.hpp): the modem first, it explains the failures
    auto sms = db_.prepare("SELECT kind FROM alerts WHERE kind IN ('sms_modem','sms_failed') AND resolved_at IS NULL "
                           "ORDER BY kind='sms_modem' DESC LIMIT 1");
    snap_.sms_trouble = sms.step() ? sms.text(0) : "";
  }
  snap_.staff.clear();
  auto st = db_.prepare("SELECT login, display_name FROM staff WHERE active=1 ORDER BY display_name");
  while (st.step()) snap_.staff.push_back({st.text(0), st.text(1)});
  snap_.queue.clear();
  if (state_.screen == CounterScreen::Console) refresh_console(now);
  // Her details: read once per ticket being served (each read is a "view" in the audit log).
  if (state_.current_id != details_for_) {
    snap_.details.reset();
    if (!state_.current_id.empty()) snap_.details = counter_.visitor_details(state_.current_id, state_.login, now);
    details_for_ = state_.current_id;
  }
  seen_version_ = version;
}

void CounterSession::refresh_console(TimePoint now) {
  const auto services = flow_.services_for(state_.counter);
  for (const auto& t : counter_.queue(services, now))
    snap_.queue.push_back({t.id, t.number, t.service_id, t.priority,
                           static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(now - t.issued_at).count()),
                           t.appointment_id, t.appointment_at});
  snap_.call_staff_alerts =
      static_cast<int>(db_.scalar("SELECT count(*) FROM alerts WHERE kind='call_staff' AND resolved_at IS NULL"));
  auto s = db_.prepare("SELECT coalesce(last_success_at,''), coalesce(last_error_kind,'') FROM sync_status");
  s.step();
  TimePoint last{};
  snap_.sync.when = parse_rfc3339_utc(s.text(0), last) ? local_hhmm(last, clock_.zone()) : "-";
  snap_.sync.problem = s.text(1);
  snap_.sync.waiting = db_.scalar("SELECT count(*) FROM outbox WHERE state IN ('pending','in_flight')");
  snap_.sync.quarantined = db_.scalar("SELECT count(*) FROM outbox WHERE state='quarantined'");
  // The day's figures for this counter's services (the full report: shubbak-admin report).
  ServiceFigures today = counter_.figures(local_day(now, clock_.zone()), services);
  snap_.today_tickets = today.tickets;
  snap_.today_served = today.served;
  snap_.today_median_wait = today.median_wait_minutes;
}

void CounterSession::dispatch(const CounterEvent& e) {
  CounterScreen before = state_.screen;
  CounterStep step = flow_.handle(state_, e, clock_.now());
  state_ = std::move(step.state);
  for (const auto& fx : step.effects) perform(fx);
  // Re-read the store after an action or a change of screen; not for every pointer movement or timer tick.
  const bool passive = std::holds_alternative<cev::Tick>(e) || std::holds_alternative<cev::Touch>(e);
  if (state_.screen != before || !passive) refresh();
}

void CounterSession::perform(const CounterEffect& effect) {
  const TimePoint now = clock_.now();
  try {
    if (auto* s = std::get_if<cfx::TrySignIn>(&effect)) {
      SignIn r = staff_.sign_in(s->login, s->pin, now);
      if (r.result == SignIn::Ok) dispatch(cev::SignInOk{});
      else if (r.result == SignIn::Locked) dispatch(cev::SignInLocked{local_hhmm(r.locked_until, clock_.zone())});
      else dispatch(cev::SignInWrong{r.attempts_left});
    } else if (auto* c = std::get_if<cfx::CallNext>(&effect)) {
      if (auto t = counter_.call_next(c->services, c->counter, state_.login, now)) dispatch(cev::Called{t->id, t->number, t->service_id});
      else dispatch(cev::NobodyWaiting{});
    } else if (auto* r = std::get_if<cfx::Recall>(&effect)) {
      counter_.recall(r->ticket_id, state_.login, now);
    } else if (auto* n = std::get_if<cfx::NoShow>(&effect)) {
      counter_.no_show(n->ticket_id, state_.login, now);
      dispatch(cev::Done{});
    } else if (auto* v = std::get_if<cfx::Served>(&effect)) {
      counter_.served(v->ticket_id, v->outcome, v->note, state_.login, now);
      dispatch(cev::Done{});
    } else if (auto* t = std::get_if<cfx::Transfer>(&effect)) {
      counter_.transfer(t->ticket_id, t->service_id, state_.login, now);
      dispatch(cev::Done{});
    } else if (auto* p = std::get_if<cfx::TogglePriority>(&effect)) {
      counter_.set_priority(p->ticket_id, !counter_.priority_of(p->ticket_id), state_.login, now);
    } else if (std::get_if<cfx::AckAlerts>(&effect)) {
      counter_.resolve_alerts(state_.login, now);
    } else if (auto* a = std::get_if<cfx::Audit>(&effect)) {
      staff_.audit("staff:" + a->login, a->action, "", "", now);
    }
  } catch (const store::StoreError& err) {
    log::error(std::string("the counter could not save (") + store::fault_name(err.fault) + "): " + err.what());
    state_.message = "counter.store_error";
  } catch (const std::invalid_argument& err) {
    log::warn(std::string("counter action refused: ") + err.what());
  }
}

}  // namespace shubbak
