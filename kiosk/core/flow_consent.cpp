// Consent for each purpose, one question a screen (law 09-08: specific, informed): keep her details for this
// service; SMS reminders, only if she gave a phone; sharing her file with a partner, only for a service that has
// partners in the catalogue. "No" to keep: nothing about her is stored, she still gets her ticket.
#include "kiosk/core/flow_consent.hpp"

#include "kiosk/core/flow_steps.hpp"
#include "kiosk/core/overloaded.hpp"

namespace shubbak {

namespace {

using flow::N_;

const ConsentAsk kAsks[] = {
    {"keep", N_("prompt.consent"), "folder", N_("consent.title"), N_("consent.what")},
    {"sms", N_("prompt.consent_sms"), "sms", N_("consent.sms_title"), N_("consent.sms_question")},
    {"share", N_("prompt.consent_share"), "handshake", N_("consent.share_title"), N_("consent.share_question")},
};

}  // namespace

const ConsentAsk& consent_ask(const std::string& purpose) {
  for (const auto& a : kAsks)
    if (purpose == a.purpose) return a;
  return kAsks[0];
}

std::string VisitorFlow::consent_purpose(const FlowState& s) {
  return s.consent_index < s.consent_asks.size() ? s.consent_asks[s.consent_index] : "keep";
}

namespace flow {

namespace {

bool has_partners(const Catalogue& c, const std::string& service_id) {
  for (const auto& p : c.partners())
    for (const auto& id : p.services)
      if (id == service_id) return true;
  return false;
}

// Her answers are complete (or she refused keep): the ticket, with her details only if she agreed to keep them.
void finish(Turn& t) {
  FlowState& s = t.s;
  const bool keep = s.consents.count("keep") && s.consents.at("keep");
  fx::IssueTicket ticket{s.service_id, std::nullopt, "", s.priority, {}, ""};
  if (keep) {
    ticket.visitor = details_of(s.form);
    ticket.consents = s.consents;
  }
  t.issue(std::move(ticket));
  s.form = FormState{};
  s.consent_asks.clear();
  s.consents.clear();
}

void answer(Turn& t, bool yes) {
  FlowState& s = t.s;
  const std::string purpose = VisitorFlow::consent_purpose(s);
  s.consents[purpose] = yes;
  if (++s.consent_index >= s.consent_asks.size() || (purpose == "keep" && !yes)) return finish(t);
  t.say_screen();
}

void back(Turn& t) {
  FlowState& s = t.s;
  if (s.consent_index > 0) {
    --s.consent_index;
    t.say_screen();
    return;
  }
  s.screen = Screen::Form;
  start_field(t);
}

}  // namespace

void start_consent(Turn& t) {
  FlowState& s = t.s;
  s.consent_asks = {"keep"};
  if (!details_of(s.form).phone.empty()) s.consent_asks.push_back("sms");
  if (has_partners(t.catalogue, s.service_id)) s.consent_asks.push_back("share");
  s.consent_index = 0;
  s.consents.clear();
  s.screen = Screen::Consent;
  t.say_screen();
}

void on_consent(Turn& t, const Event& e) {
  if (const auto* c = std::get_if<ev::Consent>(&e)) answer(t, c->yes);
  else if (std::holds_alternative<ev::Back>(e)) back(t);
}

}  // namespace flow

}  // namespace shubbak
