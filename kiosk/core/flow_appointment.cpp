// "I have an appointment": on the welcome and service screens. The pad takes her phone, her CIN or the 6-digit code
// printed on her last ticket (one toggle); found, her ticket is linked to the appointment (its service, its place in
// the queue); not found, words that say what to do next, never a dead end. Wrong codes in a row are counted by the
// kiosk, not the visit: after kAppointmentCodeTries the pad refuses codes for a while and calls staff.
#include "kiosk/core/flow_steps.hpp"
#include "kiosk/core/overloaded.hpp"

namespace shubbak::flow {

namespace {

void show_pad(Turn& t, IdentityKind kind) {
  FormState& f = t.s.form;
  f = FormState{};
  f.pad = kind;
  // The code is typed on the digits, like a phone number.
  f.fields = {FieldRequirement{kind == IdentityKind::Cin ? Field::Cin : Field::Phone, true}};
  start_field(t);
  if (kind == IdentityKind::AppointmentCode && codes_locked(t)) f.error = N_("appointment.locked");
}

}  // namespace

bool codes_locked(const Turn& t) { return t.now < t.s.codes_locked_until; }

void start_appointment(Turn& t) {
  FlowState& s = t.s;
  // From the welcome screen she has not chosen a language yet: the centre's own until she does.
  if (s.lang.empty()) s.lang = t.settings.default_lang;
  s.appointment_from = s.screen;
  s.screen = Screen::Appointment;
  show_pad(t, IdentityKind::Phone);
  t.say_screen();
}

void on_appointment(Turn& t, const Event& e) {
  FlowState& s = t.s;
  if (on_typing(t, e)) return;
  std::visit(overloaded{
                 [&](const ev::PadKind& k) {
                   if (k.kind != s.form.pad) show_pad(t, k.kind);
                   if (!s.form.error.empty()) t.say(s.form.error);
                 },
                 [&](const ev::Back&) {  // back where she came from
                   if (s.appointment_from != Screen::Service) return t.go_home();
                   s.screen = Screen::Service;
                   s.form = FormState{};
                 },
                 [](const auto&) {},
             },
             e);
}

void on_appointment_found(Turn& t, const ev::AppointmentFound& found) {
  FlowState& s = t.s;
  if (!s.form.looking_up || s.screen != Screen::Appointment) return;
  s.form.looking_up = false;
  if (s.form.pad == IdentityKind::AppointmentCode) s.wrong_codes = 0;
  s.service_id = found.service_id;  // the ticket is for the service she has the appointment with
  t.issue(fx::IssueTicket{found.service_id, std::nullopt, found.visitor_id, s.priority, {}, found.appointment_id});
  s.form = FormState{};
}

void on_appointment_not_found(Turn& t) {
  FlowState& s = t.s;
  if (!s.form.looking_up || s.screen != Screen::Appointment) return;
  s.form.looking_up = false;
  if (s.form.pad != IdentityKind::AppointmentCode) {
    s.form.error = N_("appointment.not_found");
  } else if (++s.wrong_codes >= kAppointmentCodeTries) {
    s.wrong_codes = 0;
    s.codes_locked_until = t.now + Seconds(kAppointmentCodeLockSeconds);
    s.form.error = N_("appointment.locked");
    t.call_staff();
  } else {
    s.form.error = N_("appointment.code_not_found");
  }
  s.form.edit.set(U"");
  t.say(s.form.error);
}

}  // namespace shubbak::flow
