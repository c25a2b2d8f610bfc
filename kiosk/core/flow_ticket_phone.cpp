// A number for this ticket alone (issue 18): after her ticket is issued (so nothing here can block or slow it), the
// ticket screen offers one SMS when her turn is near. The pad says what the number is for and that it is forgotten
// when the ticket ends; typing it and "send me the SMS" is her consent for this ticket; "no, thank you" is one tap
// back to her ticket. The number is never looked up (it is not a check-in) and leaves the flow once saved.
#include "kiosk/core/flow_steps.hpp"
#include "kiosk/core/overloaded.hpp"
#include "common/utf8.hpp"

namespace shubbak {

bool VisitorFlow::offers_ticket_sms(const FlowState& s, const Catalogue& catalogue, const Settings& settings) {
  const Service* svc = catalogue.service(s.ticket.service_id);
  return settings.sms.enabled && svc && svc->sms_ahead > 0 && s.ticket.people_ahead > svc->sms_ahead &&
         !s.ticket.id.empty() && !s.ticket.sms_phone_kept;
}

namespace flow {

void start_ticket_phone(Turn& t) {
  FlowState& s = t.s;
  if (!VisitorFlow::offers_ticket_sms(s, t.catalogue, t.settings)) return;
  s.form = FormState{};
  s.form.fields = {FieldRequirement{Field::Phone, true}};
  s.screen = Screen::TicketPhone;
  start_field(t);
  t.say_screen();
}

void keep_ticket_phone(Turn& t) {
  FlowState& s = t.s;
  s.saving = true;
  t.effects.push_back(fx::KeepTicketPhone{s.ticket.id, u32_to_utf8(s.form.values[Field::Phone]), s.lang});
}

void on_ticket_phone_saved(Turn& t, const ev::TicketPhoneSaved& r) {
  FlowState& s = t.s;
  if (!s.saving || s.screen != Screen::TicketPhone) return;
  s.saving = false;
  s.form = FormState{};  // the number leaves the kiosk's memory: the store has it, or nobody does
  s.ticket.sms_phone_kept = r.ok;
  s.ticket.sms_phone_not_kept = !r.ok;
  show_ticket(t);
  t.say(r.ok ? N_("prompt.ticket_phone_kept") : N_("prompt.ticket_phone_not_kept"));
}

void on_ticket_phone(Turn& t, const Event& e) {
  if (on_typing(t, e)) return;
  if (std::holds_alternative<ev::Back>(e)) {  // "no, thank you": her ticket, nothing kept
    t.s.form = FormState{};
    show_ticket(t);
  }
}

}  // namespace flow

}  // namespace shubbak
