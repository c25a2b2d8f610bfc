#include "kiosk/core/flow.hpp"

#include <chrono>

#include "kiosk/core/flow_consent.hpp"
#include "kiosk/core/flow_steps.hpp"

namespace shubbak {

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::Welcome: return "welcome";
    case Screen::Catalogue: return "catalogue";
    case Screen::Help: return "help";
    case Screen::Service: return "service";
    case Screen::Form: return "form";
    case Screen::Consent: return "consent";
    case Screen::CheckIn: return "checkin";
    case Screen::Appointment: return "appointment";
    case Screen::Duplicate: return "duplicate";
    case Screen::Ticket: return "ticket";
    case Screen::StoreError: return "store_error";
    case Screen::MoreTime: return "more_time";
    case Screen::TicketPhone: return "ticket_phone";
  }
  return "?";
}

FlowState VisitorFlow::initial(TimePoint now) const {
  FlowState s;
  s.last_activity = now;
  return s;
}

std::string VisitorFlow::prompt_key(const FlowState& s) {
  // What the listen button says on each screen (PO keys; the clips are assets/audio/<lang>/<key>.wav).
  switch (s.screen) {
    case Screen::Welcome: return "prompt.welcome";
    case Screen::Catalogue: return "prompt.catalogue";
    case Screen::Help: return "question." + s.question_id;  // the catalogue's own question
    case Screen::Service: return "prompt.service";
    case Screen::Form:
      if (const FieldRequirement* r = s.form.current()) return std::string("field.") + field_key(r->field);
      return "prompt.consent";
    case Screen::Consent: return consent_prompt_key(consent_purpose(s));
    case Screen::CheckIn: return "prompt.checkin";
    case Screen::Appointment: return "prompt.appointment";
    case Screen::Duplicate: return "prompt.duplicate";
    case Screen::Ticket: return s.ticket.printed ? "prompt.ticket_printed" : "prompt.ticket";
    case Screen::StoreError: return "prompt.store_error";
    case Screen::MoreTime: return "prompt.more_time";
    case Screen::TicketPhone: return "prompt.ticket_phone";
  }
  return "prompt.welcome";
}

int VisitorFlow::seconds_left(const FlowState& s, TimePoint now) {
  if (s.screen != Screen::MoreTime && s.screen != Screen::Ticket) return 0;
  auto left = std::chrono::duration_cast<std::chrono::seconds>(s.deadline - now).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

namespace flow {

void show_ticket(Turn& t) {
  t.s.screen = Screen::Ticket;
  t.s.deadline = t.now + Seconds(t.s.ticket.printed ? t.settings.tuning.ticket_seconds
                                                    : t.settings.tuning.ticket_no_printer_seconds);
}

namespace {

void on_ticket_issued(Turn& t, const ev::TicketIssued& r) {
  FlowState& s = t.s;
  if (!s.saving) return;
  s.saving = false;
  s.ticket = r.ticket;
  s.ticket.printed = t.has_printer;
  show_ticket(t);
  if (t.has_printer) t.effects.push_back(fx::PrintTicket{s.ticket, s.lang});
  t.say_screen();
  if (s.ticket.late) t.say("prompt.ticket_late");  // gently: she is served in the order of arrival
}

void on_store_failed(Turn& t) {
  FlowState& s = t.s;
  if (!s.saving) return;
  s.saving = false;
  // Her details stay in `unsaved` (and in the form) until she gives up or the kiosk times out.
  if (s.screen != Screen::StoreError) t.effects.push_back(fx::RaiseAlert{"store_error"});
  s.screen = Screen::StoreError;
  t.say_screen();
}

// Time passing: the ticket and "more time" countdowns end; a visitor who stopped touching is asked.
void on_tick(Turn& t) {
  FlowState& s = t.s;
  if (s.saving) return;
  if (s.screen == Screen::Ticket || s.screen == Screen::MoreTime) {
    if (t.now >= s.deadline) t.go_home();
    return;
  }
  if (s.screen == Screen::Welcome) return;
  if (t.now - s.last_activity >= Seconds(t.settings.tuning.idle_seconds)) {
    s.paused_screen = s.screen;
    s.screen = Screen::MoreTime;
    s.deadline = t.now + Seconds(t.settings.tuning.more_time_seconds);
    t.say_screen();
  }
}

}  // namespace

bool on_any_screen(Turn& t, const Event& e) {
  if (std::holds_alternative<ev::Touch>(e)) return true;  // she is still here: nothing else changes
  if (const auto* r = std::get_if<ev::TicketIssued>(&e)) on_ticket_issued(t, *r);
  else if (std::holds_alternative<ev::StoreFailed>(e)) on_store_failed(t);
  else if (const auto* f = std::get_if<ev::VisitorFound>(&e)) on_visitor_found(t, *f);
  else if (std::holds_alternative<ev::VisitorNotFound>(e)) on_visitor_not_found(t);
  else if (const auto* a = std::get_if<ev::AppointmentFound>(&e)) on_appointment_found(t, *a);
  else if (std::holds_alternative<ev::AppointmentNotFound>(e)) on_appointment_not_found(t);
  else if (const auto* p = std::get_if<ev::TicketPhoneSaved>(&e)) on_ticket_phone_saved(t, *p);
  else if (std::holds_alternative<ev::Tick>(e)) on_tick(t);
  else if (std::holds_alternative<ev::Home>(e)) t.go_home();
  else if (std::holds_alternative<ev::CallStaff>(e)) t.call_staff();
  else if (std::holds_alternative<ev::Listen>(e)) {
    if (!t.s.lang.empty()) t.say_screen();
  } else if (std::holds_alternative<ev::OpenCatalogue>(e)) {
    if (!t.s.lang.empty()) t.s.screen = Screen::Catalogue;
  } else {
    return false;
  }
  return true;
}

}  // namespace flow

namespace {

void on_screen(flow::Turn& t, const Event& e) {
  switch (t.s.screen) {
    case Screen::Welcome: return flow::on_welcome(t, e);
    case Screen::Catalogue: return flow::on_catalogue(t, e);
    case Screen::Help: return flow::on_help(t, e);
    case Screen::Service: return flow::on_service(t, e);
    case Screen::Form: return flow::on_form(t, e);
    case Screen::Consent: return flow::on_consent(t, e);
    case Screen::CheckIn: return flow::on_checkin(t, e);
    case Screen::Appointment: return flow::on_appointment(t, e);
    case Screen::Duplicate: return flow::on_duplicate(t, e);
    case Screen::Ticket: return flow::on_ticket(t, e);
    case Screen::StoreError: return flow::on_store_error(t, e);
    case Screen::MoreTime: return flow::on_more_time(t, e);
    case Screen::TicketPhone: return flow::on_ticket_phone(t, e);
  }
}

// What is being saved is kept until it is saved (or she leaves): a saving error never loses her details.
void keep_unsaved(FlowState& s, const std::vector<Effect>& effects) {
  for (const auto& effect : effects)
    if (const auto* issue = std::get_if<fx::IssueTicket>(&effect)) s.unsaved = *issue;
  if (s.screen == Screen::Ticket || s.screen == Screen::Welcome) s.unsaved.reset();
}

}  // namespace

Step VisitorFlow::handle(const FlowState& in, const Event& e, TimePoint now) const {
  Step out{in, {}};
  FlowState& s = out.state;
  const bool is_tick = std::holds_alternative<ev::Tick>(e);
  const bool is_result = std::holds_alternative<ev::TicketIssued>(e) || std::holds_alternative<ev::StoreFailed>(e) ||
                         std::holds_alternative<ev::VisitorFound>(e) || std::holds_alternative<ev::VisitorNotFound>(e) ||
                         std::holds_alternative<ev::AppointmentFound>(e) ||
                         std::holds_alternative<ev::AppointmentNotFound>(e) ||
                         std::holds_alternative<ev::TicketPhoneSaved>(e);
  if (!is_tick && !is_result) s.last_activity = now;
  // While a ticket is being written or a registration looked up, only the answer (and time) matter: no double
  // tickets from double taps.
  if ((s.saving || s.form.looking_up) && !is_tick && !is_result) return out;
  flow::Turn turn{catalogue_, settings_, has_printer_, now, s, out.effects};
  if (!flow::on_any_screen(turn, e)) on_screen(turn, e);
  keep_unsaved(s, out.effects);
  return out;
}

}  // namespace shubbak
