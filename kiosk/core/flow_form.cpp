// The typing screens: the registration form (one field per step) and the check-in (phone, or CIN instead).
#include "common/utf8.hpp"
#include "kiosk/core/flow_steps.hpp"
#include "kiosk/core/overloaded.hpp"
#include "kiosk/core/validators.hpp"

namespace shubbak {

Keyboard VisitorFlow::keyboard_for(Field f, const std::string& lang) {
  switch (f) {
    case Field::Phone:
    case Field::BirthYear: return Keyboard::Digits;
    case Field::Cin: return Keyboard::Cin;
    default: return keyboard_for_language(lang);
  }
}

namespace flow {

namespace {

std::string trimmed(const std::u32string& s) {
  std::string u = u32_to_utf8(s);
  size_t b = u.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  return u.substr(b, u.find_last_not_of(' ') - b + 1);
}

// Translation keys of the validation messages (spoken and written in her language).
const char* missing_error(Field f) {
  switch (f) {
    case Field::Name: return "form.error.name_missing";
    case Field::Phone: return "form.error.phone_missing";
    case Field::Cin: return "form.error.cin_missing";
    case Field::BirthYear: return "form.error.birth_year_missing";
    case Field::Commune: return "form.error.commune_missing";
    case Field::Contact: return "form.error.contact_missing";
  }
  return "form.error.name_missing";
}

// The problem with what she typed (a translation key), or "" with `v` normalised.
std::string problem_with(Field f, std::string& v, const Turn& t) {
  if (f == Field::Phone) {
    PhoneCheck p = check_mobile(v);
    if (p.problem == PhoneProblem::NotMobile) return "form.error.phone_not_mobile";
    if (!p.ok()) return "form.error.phone_length";
    v = p.normalized;
  } else if (f == Field::Cin) {
    CinCheck c = check_cin(v);
    if (!c.ok()) return "form.error.cin_format";
    v = c.normalized;
  } else if (f == Field::BirthYear) {
    // The year of the centre's calendar today (its zone, not the process's).
    int year = std::stoi(local_day(t.now, t.settings.zone).substr(0, 4));
    if (!check_birth_year(v, year)) return "form.error.birth_year";
  }
  return "";
}

bool is_code_pad(const FlowState& s) { return s.screen == Screen::Appointment && s.form.pad == IdentityKind::AppointmentCode; }

// The appointment code: exactly its digits.
std::string code_problem(const std::string& v) {
  if (v.size() != kAppointmentCodeDigits) return N_("appointment.code_format");
  for (char c : v)
    if (c < '0' || c > '9') return N_("appointment.code_format");
  return "";
}

bool validate_field(Turn& t) {
  FormState& f = t.s.form;
  const FieldRequirement* r = f.current();
  if (!r) return true;
  f.error.clear();
  if (is_code_pad(t.s)) {
    std::string v = trimmed(f.edit.text);
    f.error = codes_locked(t) ? N_("appointment.locked") : code_problem(v);
    if (f.error.empty()) f.values[r->field] = utf8_to_u32(v);
    return f.error.empty();
  }
  if (r->field == Field::Contact) {  // a choice: nothing typed
    if (!f.contact && r->required) f.error = missing_error(r->field);
    return f.error.empty();
  }
  std::string v = trimmed(f.edit.text);
  if (v.empty()) {
    if (r->required) f.error = missing_error(r->field);
  } else {
    f.error = problem_with(r->field, v, t);
  }
  if (!f.error.empty()) return false;
  f.values[r->field] = utf8_to_u32(v);
  return true;
}

void next_field(Turn& t) {
  FlowState& s = t.s;
  ++s.form.index;
  if (s.form.current()) {
    start_field(t);
    t.say(std::string("field.") + field_key(s.form.current()->field));
  } else {
    --s.form.index;  // Back from the consent screen returns to the last field
    start_consent(t);
  }
}

void field_next(Turn& t) {
  FlowState& s = t.s;
  if (!validate_field(t)) {
    t.say(s.form.error);
    return;
  }
  if (s.screen == Screen::TicketPhone) return keep_ticket_phone(t);  // for this ticket alone: no lookup
  const FieldRequirement* r = s.form.current();
  const bool identity = r && (r->field == Field::Phone || r->field == Field::Cin);
  if (identity && s.screen == Screen::Appointment) {  // her appointment of today, by what she typed
    s.form.looking_up = true;
    t.effects.push_back(fx::LookupAppointment{s.form.pad, u32_to_utf8(s.form.values[r->field])});
    return;
  }
  // Check-in, or a phone/CIN typed while registering: is she already registered?
  if (identity && (s.screen == Screen::CheckIn || !s.form.values[r->field].empty())) {
    s.form.looking_up = true;
    t.effects.push_back(fx::LookupVisitor{r->field == Field::Phone ? IdentityKind::Phone : IdentityKind::Cin,
                                          u32_to_utf8(s.form.values[r->field])});
    return;
  }
  if (s.screen == Screen::CheckIn) return;
  next_field(t);
}

}  // namespace

// Keys and "next", the same on the typing screens. False if `e` is none of them.
bool on_typing(Turn& t, const Event& e) {
  FormState& f = t.s.form;
  if (const auto* k = std::get_if<ev::KeyText>(&e)) {
    f.edit.insert(utf8_to_u32(k->utf8));
    f.shift = false;
    f.error.clear();
  } else if (std::holds_alternative<ev::KeyBackspace>(e)) {
    f.edit.backspace();
  } else if (const auto* m = std::get_if<ev::CaretMove>(&e)) {
    f.edit.move(m->delta);
  } else if (std::holds_alternative<ev::FieldNext>(e)) {
    field_next(t);
  } else {
    return false;
  }
  return true;
}

namespace {

// Back on the form: the previous field, keeping what she typed in this one; from the first, the service.
void form_back(Turn& t) {
  FormState& f = t.s.form;
  if (f.index == 0) {
    t.s.screen = Screen::Service;
    return;
  }
  f.values[f.current()->field] = f.edit.text;
  --f.index;
  start_field(t);
}

}  // namespace

void start_field(Turn& t) {
  FormState& f = t.s.form;
  f.error.clear();
  f.shift = false;
  if (const FieldRequirement* r = f.current()) {
    f.edit.set(f.values[r->field]);
    f.keyboard = VisitorFlow::keyboard_for(r->field, t.s.lang);
    // Names start with a capital letter on the French keyboard.
    f.shift = f.keyboard == Keyboard::French && f.edit.text.empty() && r->field == Field::Name;
  }
}

VisitorDetails details_of(const FormState& f) {
  auto get = [&](Field field) {
    auto it = f.values.find(field);
    return it == f.values.end() ? std::string() : u32_to_utf8(it->second);
  };
  return VisitorDetails{get(Field::Name),      get(Field::Phone),   get(Field::Cin),
                        get(Field::BirthYear), get(Field::Commune), f.contact};
}

void start_registration(Turn& t, const Service& service) {
  t.s.form = FormState{};
  t.s.form.fields = service.fields;
  t.s.screen = Screen::Form;
  start_field(t);
  t.say(std::string("field.") + field_key(t.s.form.current()->field));
}

void start_checkin(Turn& t) {
  t.s.form = FormState{};
  t.s.form.fields = {FieldRequirement{Field::Phone, true}};
  t.s.screen = Screen::CheckIn;
  start_field(t);
  t.say_screen();
}

void on_form(Turn& t, const Event& e) {
  FormState& f = t.s.form;
  if (on_typing(t, e)) return;
  std::visit(overloaded{
                 [&](const ev::SwitchKeyboard& k) { f.keyboard = k.layout; },
                 [&](const ev::ToggleShift&) { f.shift = !f.shift; },
                 [&](const ev::ChooseContact& c) {
                   const FieldRequirement* r = f.current();
                   if (r && r->field == Field::Contact) f.contact = c.how;
                 },
                 [&](const ev::Back&) { form_back(t); },
                 [](const auto&) {},
             },
             e);
}

void on_checkin(Turn& t, const Event& e) {
  if (on_typing(t, e)) return;
  if (std::holds_alternative<ev::CheckInWithCin>(e)) {
    t.s.form = FormState{};
    t.s.form.fields = {FieldRequirement{Field::Cin, true}};
    t.s.form.pad = IdentityKind::Cin;
    start_field(t);
  } else if (std::holds_alternative<ev::Back>(e)) {
    t.s.screen = Screen::Service;
    t.s.form = FormState{};
  }
}

// The store's answer to "is she registered?": at check-in her ticket; while registering, the duplicate screen.
void on_visitor_found(Turn& t, const ev::VisitorFound& found) {
  FlowState& s = t.s;
  if (!s.form.looking_up) return;
  s.form.looking_up = false;
  if (s.screen == Screen::CheckIn) {
    t.issue(fx::IssueTicket{s.service_id, std::nullopt, found.visitor_id, s.priority});
    s.form = FormState{};
  } else {
    s.form.found_visitor = found.visitor_id;
    s.screen = Screen::Duplicate;
    t.say_screen();
  }
}

void on_visitor_not_found(Turn& t) {
  FlowState& s = t.s;
  if (!s.form.looking_up) return;
  s.form.looking_up = false;
  if (s.screen == Screen::CheckIn) {
    s.form.error = "checkin.not_found";
    t.say(s.form.error);
  } else {
    next_field(t);
  }
}

}  // namespace flow

}  // namespace shubbak
