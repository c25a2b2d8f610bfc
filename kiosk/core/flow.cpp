#include "flow.hpp"

#include <chrono>

#include "languages.hpp"

namespace shubbak {

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::Welcome: return "welcome";
    case Screen::Catalogue: return "catalogue";
    case Screen::Help: return "help";
    case Screen::Service: return "service";
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

std::string VisitorFlow::prompt_key(const FlowState& s) {
  return std::string("prompt.") + screen_name(s.screen);
}

int VisitorFlow::seconds_left(const FlowState& s, TimePoint now) {
  if (s.screen != Screen::MoreTime && s.screen != Screen::Ticket) return 0;
  auto left = std::chrono::duration_cast<std::chrono::seconds>(s.deadline - now).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

namespace {
template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;
}  // namespace

Step VisitorFlow::handle(const FlowState& in, const Event& e, TimePoint now) const {
  Step out{in, {}};
  FlowState& s = out.state;
  const Tuning& t = settings_.tuning;
  const bool is_tick = std::holds_alternative<ev::Tick>(e);
  const bool is_result = std::holds_alternative<ev::TicketIssued>(e) || std::holds_alternative<ev::StoreFailed>(e);
  if (!is_tick && !is_result) s.last_activity = now;
  // While a ticket is being written, only its result (and time) matter: no double tickets from double taps.
  if (s.saving && !is_tick && !is_result) return out;

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
              default: break;
            }
          },
          [&](const ev::Home&) { s = home(s, now); },
          [&](const ev::GetTicket&) {
            if (s.screen != Screen::Service) return;
            s.saving = true;
            out.effects.push_back(fx::IssueTicket{s.service_id});
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
          [&](const ev::StoreFailed&) {
            if (!s.saving) return;
            s.saving = false;
            s.screen = Screen::StoreError;
            out.effects.push_back(fx::RaiseAlert{"store_error"});
            out.effects.push_back(fx::PlayPrompt{s.lang, prompt_key(s)});
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
  return out;
}

}  // namespace shubbak
