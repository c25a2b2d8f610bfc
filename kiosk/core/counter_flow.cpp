#include "kiosk/core/counter_flow.hpp"

#include <algorithm>

#include "kiosk/core/overloaded.hpp"

namespace shubbak {

const char* counter_screen_name(CounterScreen s) { return s == CounterScreen::SignIn ? "signin" : "console"; }

std::vector<std::string> CounterFlow::services_for(int counter) const {
  std::vector<std::string> out;
  for (const auto& s : catalogue_.services())
    if (s.counters.empty() || std::find(s.counters.begin(), s.counters.end(), counter) != s.counters.end())
      out.push_back(s.id);
  return out;
}

size_t CounterFlow::note_chars(const std::string& utf8) {
  size_t n = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (utf8[i] == '\r' && i + 1 < utf8.size() && utf8[i + 1] == '\n') continue;  // CRLF is one line break
    ++n;
  }
  return n;
}

std::vector<std::string> CounterFlow::transfer_choices(const CounterState& s) const {
  std::vector<std::string> out;
  for (const auto& svc : catalogue_.services())
    if (svc.id != s.current_service) out.push_back(svc.id);
  return out;
}

CounterStep CounterFlow::handle(const CounterState& in, const CounterEvent& e, TimePoint now) const {
  CounterStep out{in, {}};
  CounterState& s = out.state;
  if (!std::holds_alternative<cev::Tick>(e)) s.last_activity = now;
  const bool console = s.screen == CounterScreen::Console;
  std::visit(overloaded{
                 [&](const cev::PickStaff& p) {
                   if (console) return;
                   s.login = p.login;
                   s.staff_name = p.name;
                   s.pin.clear();
                   s.message.clear();
                 },
                 [&](const cev::PinDigit& d) {
                   if (console || s.login.empty() || s.pin.size() >= 8 || d.digit < '0' || d.digit > '9') return;
                   s.pin += d.digit;
                   s.message.clear();
                 },
                 [&](const cev::PinBack&) {
                   if (!s.pin.empty()) s.pin.pop_back();
                 },
                 [&](const cev::SubmitPin&) {
                   if (console || s.login.empty()) return;
                   if (s.pin.size() < 4) {
                     s.message = "counter.pin_short";
                     return;
                   }
                   out.effects.push_back(cfx::TrySignIn{s.login, s.pin});
                 },
                 [&](const cev::CounterStep& c) {
                   if (!console) s.counter = std::clamp(s.counter + c.delta, 1, 99);
                 },
                 [&](const cev::SignInOk&) {
                   s.pin.clear();
                   s.screen = CounterScreen::Console;
                   s.message.clear();
                 },
                 [&](const cev::SignInWrong& w) {
                   s.pin.clear();
                   s.attempts_left = w.attempts_left;
                   s.message = "counter.pin_wrong";
                 },
                 [&](const cev::SignInLocked& l) {
                   s.pin.clear();
                   s.locked_until = l.until_hhmm;
                   s.message = "counter.pin_locked";
                 },
                 [&](const cev::CallNext&) {
                   if (!console) return;
                   out.effects.push_back(cfx::CallNext{s.counter, services_for(s.counter)});
                 },
                 [&](const cev::Called& c) {
                   s.current_id = c.id;
                   s.current_number = c.number;
                   s.current_service = c.service_id;
                   s.message.clear();
                 },
                 [&](const cev::NobodyWaiting&) {
                   s.current_id.clear();
                   s.current_number.clear();
                   s.current_service.clear();
                   s.message = "counter.nobody_waiting";
                 },
                 [&](const cev::Recall&) {
                   if (console && !s.current_id.empty()) out.effects.push_back(cfx::Recall{s.current_id});
                 },
                 [&](const cev::NoShow&) {
                   if (console && !s.current_id.empty()) out.effects.push_back(cfx::NoShow{s.current_id});
                 },
                 [&](const cev::Served& v) {
                   if (console && !s.current_id.empty())
                     out.effects.push_back(cfx::Served{s.current_id, v.outcome, s.note});
                 },
                 [&](const cev::OpenTransfer&) {
                   if (console && !s.current_id.empty()) s.choosing_transfer = !s.choosing_transfer;
                 },
                 [&](const cev::TransferTo& t) {
                   if (!console || s.current_id.empty() || !s.choosing_transfer) return;
                   if (!catalogue_.service(t.service_id)) return;
                   if (t.service_id == s.current_service) {  // where she already is: nothing to move
                     s.message = "counter.transfer_same_service";
                     return;
                   }
                   out.effects.push_back(cfx::Transfer{s.current_id, t.service_id});
                 },
                 [&](const cev::TogglePriority& p) {
                   if (console && !p.ticket_id.empty()) out.effects.push_back(cfx::TogglePriority{p.ticket_id});
                 },
                 [&](const cev::EditNote& n) {
                   if (!console || s.current_id.empty()) return;
                   if (!note_fits(n.text)) {  // refused whole: a note is never cut behind her back
                     s.message = "counter.note_too_long";
                     return;
                   }
                   s.note = n.text;
                   if (s.message == "counter.note_too_long") s.message.clear();
                 },
                 [&](const cev::SetLanguage& l) {
                   if (l.lang == "ar" || l.lang == "fr" || l.lang == "zgh") s.lang = l.lang;
                 },
                 [&](const cev::AckAlerts&) {
                   if (console) out.effects.push_back(cfx::AckAlerts{});
                 },
                 [&](const cev::Done&) {
                   s.current_id.clear();
                   s.current_number.clear();
                   s.current_service.clear();
                   s.choosing_transfer = false;
                   s.note.clear();
                 },
                 [&](const cev::SignOut&) {
                   if (!console) return;
                   out.effects.push_back(cfx::Audit{"sign_out", s.login});
                   CounterState next;
                   next.counter = s.counter;
                   next.lang = s.lang;
                   next.last_activity = now;
                   s = next;
                 },
                 [&](const cev::Touch&) {},
                 [&](const cev::Tick&) {
                   // A shared PC: nobody stays signed in once the staff member has walked away.
                   if (console && now - s.last_activity >= Seconds(idle_seconds_)) {
                     out.effects.push_back(cfx::Audit{"idle_sign_out", s.login});
                     CounterState next;
                     next.counter = s.counter;
                     next.lang = s.lang;
                     next.message = "counter.signed_out_idle";
                     next.last_activity = now;
                     s = next;
                   }
                 },
             },
             e);
  return out;
}

}  // namespace shubbak
