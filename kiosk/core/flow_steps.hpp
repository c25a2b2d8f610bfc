// Inside the visitor flow (kiosk/core/flow*.cpp only): one handler per screen, each given the event and a Turn.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "kiosk/core/flow.hpp"

namespace shubbak::flow {

constexpr const char* N_(const char* key) { return key; }  // a translation key the screens show (i18n test)

// One event being handled: what the flow knows, the state it changes and the effects it asks for.
struct Turn {
  const Catalogue& catalogue;
  const Settings& settings;
  bool has_printer;
  TimePoint now;
  FlowState& s;
  std::vector<Effect>& effects;

  void say(std::string key) { effects.push_back(fx::PlayPrompt{s.lang, std::move(key)}); }
  void say_screen() { say(VisitorFlow::prompt_key(s)); }
  // Back to the welcome screen with everything she chose or typed forgotten.
  void go_home() {
    FlowState fresh;
    fresh.wrong_codes = s.wrong_codes;  // the kiosk's guard against guessed codes outlives the visit
    fresh.codes_locked_until = s.codes_locked_until;
    s = std::move(fresh);
    s.last_activity = now;
  }
  // One call-staff alert per visit is enough.
  void call_staff() {
    if (s.staff_called) return;
    s.staff_called = true;
    effects.push_back(fx::RaiseAlert{"call_staff"});
  }
  void issue(fx::IssueTicket ticket) {
    s.saving = true;
    effects.push_back(std::move(ticket));
  }
};

// Events that mean the same on every screen (home, listen, call staff, time) and the app's answers (saved, not
// saved, found, not found). False if `e` is none of them.
bool on_any_screen(Turn& t, const Event& e);

// The screens (flow_screens.cpp).
void on_welcome(Turn& t, const Event& e);
void on_catalogue(Turn& t, const Event& e);
void on_help(Turn& t, const Event& e);
void on_service(Turn& t, const Event& e);
void on_consent(Turn& t, const Event& e);
void on_duplicate(Turn& t, const Event& e);
void on_ticket(Turn& t, const Event& e);
void on_store_error(Turn& t, const Event& e);
void on_more_time(Turn& t, const Event& e);

// The typing screens and their fields (flow_form.cpp).
void on_form(Turn& t, const Event& e);
void on_checkin(Turn& t, const Event& e);
bool on_typing(Turn& t, const Event& e);  // keys and "next" on a typing screen; false if `e` is none of them
void start_registration(Turn& t, const Service& service);
void start_checkin(Turn& t);
void start_field(Turn& t);
VisitorDetails details_of(const FormState& f);  // what the form holds, for the store (with her consent)
void on_visitor_found(Turn& t, const ev::VisitorFound& f);
void on_visitor_not_found(Turn& t);

// Consent for each purpose (flow_consent.cpp): keep, then sms if she gave a phone, share if the service has partners.
void start_consent(Turn& t);

// "I have an appointment" (flow_appointment.cpp): the pad (phone, CIN or code), then her ticket for it.
void start_appointment(Turn& t);
void on_appointment(Turn& t, const Event& e);
bool codes_locked(const Turn& t);
void on_appointment_found(Turn& t, const ev::AppointmentFound& f);
void on_appointment_not_found(Turn& t);

// A number for this ticket alone (flow_ticket_phone.cpp): offered on the ticket screen, typed on its own pad.
void start_ticket_phone(Turn& t);
void on_ticket_phone(Turn& t, const Event& e);
void keep_ticket_phone(Turn& t);  // "next" on its pad, the number valid
void on_ticket_phone_saved(Turn& t, const ev::TicketPhoneSaved& r);
// Back on the ticket screen with its countdown restarted (after the number pad).
void show_ticket(Turn& t);

}  // namespace shubbak::flow
