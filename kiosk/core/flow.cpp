#include "kiosk/core/flow.hpp"

#include <chrono>

#include "common/languages.hpp"
#include "kiosk/core/overloaded.hpp"
#include "common/utf8.hpp"
#include "kiosk/core/validators.hpp"

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
    case Screen::Duplicate: return "duplicate";
    case Screen::Ticket: return "ticket";
    case Screen::StoreError: return "store_error";
    case Screen::MoreTime: return "more_time";
  }
  return "?";
}

FlowState VisitorFlow::initial(TimePoint now) const {
  FlowState s;
  s.last_activity = now;
  return s;
}

// Back to the welcome screen with everything she chose or typed forgotten.
FlowState VisitorFlow::home(const FlowState&, TimePoint now) const { return initial(now); }

std::string VisitorFlow::keyboard_for(Field f, const std::string& lang) {
  switch (f) {
    case Field::Phone:
    case Field::BirthYear: return "digits";
    case Field::Cin: return "cin";
    default: return lang.empty() ? "fr" : lang;
  }
}

void VisitorFlow::start_field(FlowState& s) const {
  FormState& f = s.form;
  f.error.clear();
  f.shift = false;
  if (const FieldRequirement* r = f.current()) {
    f.edit.set(f.values[r->field]);
    f.keyboard = keyboard_for(r->field, s.lang);
    // Names start with a capital letter on the French keyboard.
    f.shift = f.keyboard == "fr" && f.edit.text.empty() && r->field == Field::Name;
  }
}

static std::string trimmed(const std::u32string& s) {
  std::string u = u32_to_utf8(s);
  size_t b = u.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  return u.substr(b, u.find_last_not_of(' ') - b + 1);
}

// Translation keys of the validation messages (spoken and written in her language).
static const char* missing_error(Field f) {
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

bool VisitorFlow::validate_field(FlowState& s, TimePoint now) const {
  FormState& f = s.form;
  const FieldRequirement* r = f.current();
  if (!r) return true;
  std::string v = trimmed(f.edit.text);
  f.error.clear();
  if (v.empty()) {
    if (r->required) f.error = missing_error(r->field);
  } else if (r->field == Field::Phone) {
    PhoneCheck p = check_mobile(v);
    if (p.problem == PhoneProblem::NotMobile) f.error = "form.error.phone_not_mobile";
    else if (!p.ok()) f.error = "form.error.phone_length";
    else v = p.normalized;
  } else if (r->field == Field::Cin) {
    CinCheck c = check_cin(v);
    if (!c.ok()) f.error = "form.error.cin_format";
    else v = c.normalized;
  } else if (r->field == Field::BirthYear) {
    int year = std::stoi(local_day(now).substr(0, 4));
    if (!check_birth_year(v, year)) f.error = "form.error.birth_year";
  }
  if (!f.error.empty()) return false;
  f.values[r->field] = utf8_to_u32(v);
  return true;
}

void VisitorFlow::next_field(FlowState& s, std::vector<Effect>& effects) const {
  ++s.form.index;
  if (s.form.current()) {
    start_field(s);
    effects.push_back(fx::PlayPrompt{s.lang, std::string("field.") + field_key(s.form.current()->field)});
  } else {
    --s.form.index;  // Back from the consent screen returns to the last field
    s.screen = Screen::Consent;
    effects.push_back(fx::PlayPrompt{s.lang, prompt_key(s)});
  }
}

VisitorDetails VisitorFlow::details(const FlowState& s) const {
  auto get = [&](Field f) {
    auto it = s.form.values.find(f);
    return it == s.form.values.end() ? std::string() : u32_to_utf8(it->second);
  };
  return VisitorDetails{get(Field::Name),      get(Field::Phone),   get(Field::Cin),
                        get(Field::BirthYear), get(Field::Commune), get(Field::Contact)};
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
    case Screen::Consent: return "prompt.consent";
    case Screen::CheckIn: return "prompt.checkin";
    case Screen::Duplicate: return "prompt.duplicate";
    case Screen::Ticket: return s.ticket.printed ? "prompt.ticket_printed" : "prompt.ticket";
    case Screen::StoreError: return "prompt.store_error";
    case Screen::MoreTime: return "prompt.more_time";
  }
  return "prompt.welcome";
}

int VisitorFlow::seconds_left(const FlowState& s, TimePoint now) {
  if (s.screen != Screen::MoreTime && s.screen != Screen::Ticket) return 0;
  auto left = std::chrono::duration_cast<std::chrono::seconds>(s.deadline - now).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

Step VisitorFlow::handle(const FlowState& in, const Event& e, TimePoint now) const {
  Step out{in, {}};
  FlowState& s = out.state;
  const Tuning& t = settings_.tuning;
  const bool is_tick = std::holds_alternative<ev::Tick>(e);
  const bool is_result = std::holds_alternative<ev::TicketIssued>(e) || std::holds_alternative<ev::StoreFailed>(e) ||
                         std::holds_alternative<ev::VisitorFound>(e) || std::holds_alternative<ev::VisitorNotFound>(e);
  if (!is_tick && !is_result) s.last_activity = now;
  // While a ticket is being written, only its result (and time) matter: no double tickets from double taps.
  const bool is_lookup = std::holds_alternative<ev::VisitorFound>(e) || std::holds_alternative<ev::VisitorNotFound>(e);
  if ((s.saving || s.form.looking_up) && !is_tick && !is_result && !is_lookup) return out;

  std::visit(
      overloaded{
          [&](const ev::Touch&) {},
          [&](const ev::ChooseLanguage& c) {
            if (s.screen != Screen::Welcome && s.screen != Screen::Catalogue) return;
            if (!find_language(c.lang)) return;
            s.lang = c.lang;
            s.screen = Screen::Catalogue;
            out.effects.push_back(fx::PlayPrompt{s.lang, prompt_key(s)});
          },
          [&](const ev::OpenCatalogue&) {
            if (s.lang.empty()) return;
            s.screen = Screen::Catalogue;
          },
          [&](const ev::OpenService& o) {
            if (s.lang.empty() || !catalogue_.service(o.id)) return;
            if (s.screen != Screen::Catalogue && s.screen != Screen::Help) return;
            s.service_id = o.id;
            s.screen = Screen::Service;
          },
          [&](const ev::OpenHelp&) {
            if (s.screen != Screen::Catalogue || catalogue_.first_question().empty()) return;
            s.screen = Screen::Help;
            s.question_id = catalogue_.first_question();
            s.answers_path.clear();
            out.effects.push_back(fx::PlayPrompt{s.lang, "question." + s.question_id});
          },
          [&](const ev::AnswerHelp& a) {
            if (s.screen != Screen::Help) return;
            const Answer* ans = catalogue_.answer(a.answer_id);
            const Question* q = catalogue_.question(s.question_id);
            if (!ans || !q) return;
            bool offered = false;
            for (const auto& id : q->answers) offered = offered || id == a.answer_id;
            if (!offered) return;
            s.answers_path.push_back(s.question_id);
            if (!ans->service.empty()) {
              s.service_id = ans->service;
              s.screen = Screen::Service;
            } else {
              s.question_id = ans->next_question;
              out.effects.push_back(fx::PlayPrompt{s.lang, "question." + s.question_id});
            }
          },
          [&](const ev::Back&) {
            switch (s.screen) {
              case Screen::Catalogue: s = home(s, now); break;
              case Screen::Help:
                if (s.answers_path.empty()) {
                  s.screen = Screen::Catalogue;
                } else {
                  s.question_id = s.answers_path.back();
                  s.answers_path.pop_back();
                }
                break;
              case Screen::Service:
                // Back to where she came from: the help questions if she answered them, else the grid.
                if (!s.answers_path.empty()) {
                  s.question_id = s.answers_path.back();
                  s.answers_path.pop_back();
                  s.screen = Screen::Help;
                } else {
                  s.screen = Screen::Catalogue;
                }
                break;
              case Screen::Form:
                if (s.form.index == 0) {
                  s.screen = Screen::Service;
                } else {
                  s.form.values[s.form.current()->field] = s.form.edit.text;  // keep what she typed
                  --s.form.index;
                  start_field(s);
                }
                break;
              case Screen::Consent:
                s.screen = Screen::Form;
                start_field(s);
                break;
              case Screen::CheckIn:
                s.screen = Screen::Service;
                s.form = FormState{};
                break;
              case Screen::Duplicate:
                s.screen = Screen::Form;
                s.form.found_visitor.clear();
                start_field(s);
                break;
              default: break;
            }
          },
          [&](const ev::Home&) { s = home(s, now); },
          [&](const ev::GetTicket&) {
            if (s.screen != Screen::Service) return;
            s.saving = true;
            out.effects.push_back(fx::IssueTicket{s.service_id, std::nullopt, "", s.priority});
          },
          [&](const ev::TogglePriority&) {
            if (s.screen == Screen::Service) s.priority = !s.priority;
          },
          [&](const ev::Register&) {
            const Service* svc = catalogue_.service(s.service_id);
            if (s.screen != Screen::Service || !svc || svc->fields.empty()) return;
            s.form = FormState{};
            s.form.fields = svc->fields;
            s.screen = Screen::Form;
            start_field(s);
            out.effects.push_back(fx::PlayPrompt{s.lang, std::string("field.") + field_key(s.form.current()->field)});
          },
          [&](const ev::KeyText& k) {
            if (s.screen != Screen::Form && s.screen != Screen::CheckIn) return;
            std::u32string t = utf8_to_u32(k.utf8);
            s.form.edit.insert(t);
            s.form.shift = false;
            s.form.error.clear();
          },
          [&](const ev::KeyBackspace&) {
            if (s.screen == Screen::Form || s.screen == Screen::CheckIn) s.form.edit.backspace();
          },
          [&](const ev::CaretMove& m) {
            if (s.screen == Screen::Form || s.screen == Screen::CheckIn) s.form.edit.move(m.delta);
          },
          [&](const ev::SwitchKeyboard& k) {
            if (s.screen == Screen::Form) s.form.keyboard = k.layout;
          },
          [&](const ev::ToggleShift&) {
            if (s.screen == Screen::Form) s.form.shift = !s.form.shift;
          },
          [&](const ev::ChooseContact& c) {
            const FieldRequirement* r = s.form.current();
            if (s.screen != Screen::Form || !r || r->field != Field::Contact) return;
            if (c.how != "sms" && c.how != "call" && c.how != "none") return;
            s.form.edit.set(utf8_to_u32(c.how));
          },
          [&](const ev::FieldNext&) {
            if (s.screen != Screen::Form && s.screen != Screen::CheckIn) return;
            if (!validate_field(s, now)) {
              out.effects.push_back(fx::PlayPrompt{s.lang, s.form.error});
              return;
            }
            const FieldRequirement* r = s.form.current();
            const bool identity = r && (r->field == Field::Phone || r->field == Field::Cin);
            // Check-in, or a phone/CIN typed while registering: is she already registered?
            if (identity && (s.screen == Screen::CheckIn || !s.form.values[r->field].empty())) {
              s.form.looking_up = true;
              out.effects.push_back(fx::LookupVisitor{r->field == Field::Phone ? "phone" : "cin",
                                                      u32_to_utf8(s.form.values[r->field])});
              return;
            }
            if (s.screen == Screen::CheckIn) return;
            next_field(s, out.effects);
          },
          [&](const ev::CheckIn&) {
            if (s.screen != Screen::Service) return;
            s.form = FormState{};
            s.form.fields = {FieldRequirement{Field::Phone, true}};
            s.screen = Screen::CheckIn;
            start_field(s);
            out.effects.push_back(fx::PlayPrompt{s.lang, prompt_key(s)});
          },
          [&](const ev::CheckInWithCin&) {
            if (s.screen != Screen::CheckIn) return;
            s.form = FormState{};
            s.form.fields = {FieldRequirement{Field::Cin, true}};
            start_field(s);
          },
          [&](const ev::VisitorFound& f) {
            if (!s.form.looking_up) return;
            s.form.looking_up = false;
            if (s.screen == Screen::CheckIn) {
              s.saving = true;
              out.effects.push_back(fx::IssueTicket{s.service_id, std::nullopt, f.visitor_id, s.priority});
              s.form = FormState{};
            } else {
              s.form.found_visitor = f.visitor_id;
              s.screen = Screen::Duplicate;
              out.effects.push_back(fx::PlayPrompt{s.lang, prompt_key(s)});
            }
          },
          [&](const ev::VisitorNotFound&) {
            if (!s.form.looking_up) return;
            s.form.looking_up = false;
            if (s.screen == Screen::CheckIn) {
              s.form.error = "checkin.not_found";
              out.effects.push_back(fx::PlayPrompt{s.lang, s.form.error});
            } else {
              next_field(s, out.effects);
            }
          },
          [&](const ev::UseRegistration&) {
            if (s.screen != Screen::Duplicate || s.form.found_visitor.empty()) return;
            s.saving = true;
            out.effects.push_back(fx::IssueTicket{s.service_id, std::nullopt, s.form.found_visitor, s.priority});
            s.form = FormState{};
          },
          [&](const ev::Consent& c) {
            if (s.screen != Screen::Consent) return;
            s.saving = true;
            // Without her consent nothing about her is stored: the form is forgotten, she still gets a ticket.
            if (c.yes) {
              out.effects.push_back(fx::IssueTicket{s.service_id, details(s), "", s.priority});
            } else {
              out.effects.push_back(fx::IssueTicket{s.service_id, std::nullopt, "", s.priority});
            }
            s.form = FormState{};
          },
          [&](const ev::TicketIssued& r) {
            if (!s.saving) return;
            s.saving = false;
            s.ticket = r.ticket;
            s.ticket.printed = has_printer_;
            s.screen = Screen::Ticket;
            s.deadline = now + Seconds(has_printer_ ? t.ticket_seconds : t.ticket_no_printer_seconds);
            if (has_printer_) out.effects.push_back(fx::PrintTicket{s.ticket, s.lang});
            out.effects.push_back(fx::PlayPrompt{s.lang, prompt_key(s)});
          },
          [&](const ev::PrintFailed&) {
            if (s.screen != Screen::Ticket || !s.ticket.printed) return;
            // No paper: she must remember the number, so it stays on screen longer.
            s.ticket.printed = false;
            s.deadline = now + Seconds(t.ticket_no_printer_seconds);
            out.effects.push_back(fx::PlayPrompt{s.lang, prompt_key(s)});
          },
          [&](const ev::StoreFailed&) {
            if (!s.saving) return;
            s.saving = false;
            // Her details stay in `unsaved` (and in the form) until she gives up or the kiosk times out.
            if (s.screen != Screen::StoreError) out.effects.push_back(fx::RaiseAlert{"store_error"});
            s.screen = Screen::StoreError;
            out.effects.push_back(fx::PlayPrompt{s.lang, prompt_key(s)});
          },
          [&](const ev::TryAgain&) {
            if (s.screen != Screen::StoreError || !s.unsaved) return;
            s.saving = true;
            out.effects.push_back(*s.unsaved);
          },
          [&](const ev::KeepGoing&) {
            if (s.screen != Screen::MoreTime) return;
            s.screen = s.paused_screen;
          },
          [&](const ev::Listen&) {
            if (!s.lang.empty()) out.effects.push_back(fx::PlayPrompt{s.lang, prompt_key(s)});
          },
          [&](const ev::CallStaff&) {
            if (s.staff_called) return;  // one alert per visit is enough
            s.staff_called = true;
            out.effects.push_back(fx::RaiseAlert{"call_staff"});
          },
          [&](const ev::Tick&) {
            if (s.saving) return;
            if (s.screen == Screen::Ticket || s.screen == Screen::MoreTime) {
              if (now >= s.deadline) s = home(s, now);
              return;
            }
            if (s.screen == Screen::Welcome) return;
            if (now - s.last_activity >= Seconds(t.idle_seconds)) {
              s.paused_screen = s.screen;
              s.screen = Screen::MoreTime;
              s.deadline = now + Seconds(t.more_time_seconds);
              out.effects.push_back(fx::PlayPrompt{s.lang, prompt_key(s)});
            }
          },
      },
      e);
  // What is being saved is kept until it is saved (or she leaves): a saving error never loses her details.
  for (const auto& effect : out.effects)
    if (const auto* issue = std::get_if<fx::IssueTicket>(&effect)) s.unsaved = *issue;
  if (s.screen == Screen::Ticket || s.screen == Screen::Welcome) s.unsaved.reset();
  return out;
}

}  // namespace shubbak
