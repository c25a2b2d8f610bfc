// The visitor flow's screens other than the typing ones: what each does with the events it takes.
#include "common/languages.hpp"
#include "kiosk/core/flow_steps.hpp"
#include "kiosk/core/overloaded.hpp"

namespace shubbak::flow {

namespace {

void choose_language(Turn& t, const ev::ChooseLanguage& c) {
  if (!find_language(c.lang)) return;
  t.s.lang = c.lang;
  t.s.screen = Screen::Catalogue;
  t.say_screen();
}

void open_service(Turn& t, const ev::OpenService& o) {
  if (t.s.lang.empty() || !t.catalogue.service(o.id)) return;
  t.s.service_id = o.id;
  t.s.screen = Screen::Service;
}

void open_help(Turn& t) {
  FlowState& s = t.s;
  if (t.catalogue.first_question().empty()) return;
  s.screen = Screen::Help;
  s.question_id = t.catalogue.first_question();
  s.answers_path.clear();
  t.say("question." + s.question_id);
}

void answer_help(Turn& t, const ev::AnswerHelp& a) {
  FlowState& s = t.s;
  const Answer* ans = t.catalogue.answer(a.answer_id);
  const Question* q = t.catalogue.question(s.question_id);
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
    t.say("question." + s.question_id);
  }
}

// Back one help question; false if she is at the first one.
bool previous_question(FlowState& s) {
  if (s.answers_path.empty()) return false;
  s.question_id = s.answers_path.back();
  s.answers_path.pop_back();
  return true;
}

}  // namespace

void on_welcome(Turn& t, const Event& e) {
  if (const auto* c = std::get_if<ev::ChooseLanguage>(&e)) choose_language(t, *c);
  else if (std::holds_alternative<ev::HaveAppointment>(e)) start_appointment(t);
}

void on_catalogue(Turn& t, const Event& e) {
  std::visit(overloaded{
                 [&](const ev::ChooseLanguage& c) { choose_language(t, c); },
                 [&](const ev::OpenService& o) { open_service(t, o); },
                 [&](const ev::OpenHelp&) { open_help(t); },
                 [&](const ev::Back&) { t.go_home(); },
                 [](const auto&) {},
             },
             e);
}

void on_help(Turn& t, const Event& e) {
  std::visit(overloaded{
                 [&](const ev::OpenService& o) { open_service(t, o); },
                 [&](const ev::AnswerHelp& a) { answer_help(t, a); },
                 [&](const ev::Back&) {
                   if (!previous_question(t.s)) t.s.screen = Screen::Catalogue;
                 },
                 [](const auto&) {},
             },
             e);
}

void on_service(Turn& t, const Event& e) {
  FlowState& s = t.s;
  std::visit(overloaded{
                 [&](const ev::GetTicket&) { t.issue(fx::IssueTicket{s.service_id, std::nullopt, "", s.priority}); },
                 [&](const ev::TogglePriority&) { s.priority = !s.priority; },
                 [&](const ev::Register&) {
                   const Service* svc = t.catalogue.service(s.service_id);
                   if (svc && !svc->fields.empty()) start_registration(t, *svc);
                 },
                 [&](const ev::CheckIn&) { start_checkin(t); },
                 [&](const ev::HaveAppointment&) { start_appointment(t); },
                 [&](const ev::Back&) {
                   // Back to where she came from: the help questions if she answered them, else the grid.
                   s.screen = previous_question(s) ? Screen::Help : Screen::Catalogue;
                 },
                 [](const auto&) {},
             },
             e);
}

// She is already registered (same phone or CIN): check in with that registration, or go back and change it.
void on_duplicate(Turn& t, const Event& e) {
  FlowState& s = t.s;
  if (std::holds_alternative<ev::UseRegistration>(e)) {
    if (s.form.found_visitor.empty()) return;
    t.issue(fx::IssueTicket{s.service_id, std::nullopt, s.form.found_visitor, s.priority});
    s.form = FormState{};
  } else if (std::holds_alternative<ev::Back>(e)) {
    s.screen = Screen::Form;
    s.form.found_visitor.clear();
    start_field(t);
  }
}

void on_ticket(Turn& t, const Event& e) {
  FlowState& s = t.s;
  if (std::holds_alternative<ev::WantSms>(e)) return start_ticket_phone(t);
  if (!std::holds_alternative<ev::PrintFailed>(e) || !s.ticket.printed) return;
  // No paper: she must remember the number, so it stays on screen longer.
  s.ticket.printed = false;
  s.deadline = t.now + Seconds(t.settings.tuning.ticket_no_printer_seconds);
  t.say_screen();
}

// Saving failed: "try again" sends the same ticket with the same details.
void on_store_error(Turn& t, const Event& e) {
  if (std::holds_alternative<ev::TryAgain>(e) && t.s.unsaved) t.issue(*t.s.unsaved);
}

void on_more_time(Turn& t, const Event& e) {
  if (std::holds_alternative<ev::KeepGoing>(e)) t.s.screen = t.s.paused_screen;
}

}  // namespace shubbak::flow
