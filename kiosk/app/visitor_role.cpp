#include "kiosk/app/visitor_role.hpp"

#include "common/log.hpp"
#include "kiosk/app/appointment_lookup.hpp"
#include "kiosk/app/ticket_layout.hpp"
#include "kiosk/core/consent.hpp"

namespace shubbak::app {

VisitorRole::VisitorRole(const RoleContext& ctx, KioskStore& store, const TicketPrinter* printer)
    : ctx_(ctx), store_(store), printer_(printer),
      flow_(ctx.config.catalogue, ctx.config.settings, printer != nullptr), state_(flow_.initial(ctx.clock.now())) {}

std::string VisitorRole::lang() const { return state_.lang.empty() ? ctx_.config.settings.default_lang : state_.lang; }

void VisitorRole::draw(ui::Ui& ui) {
  intents_.clear();
  const bool can_listen =
      !state_.lang.empty() && !ctx_.voice.clip(state_.lang, VisitorFlow::prompt_key(state_)).empty();
  ui::VisitorView view{state_, ctx_.config.catalogue, ctx_.config.settings, ctx_.clock.now(), can_listen};
  ui::draw_visitor(ui, view, intents_);
}

void VisitorRole::act() {
  ui::Intents intents;
  intents.swap(intents_);
  for (const auto& e : intents) dispatch(e);
}

bool VisitorRole::tick() {
  Screen before = state_.screen;
  dispatch(ev::Tick{});
  // Countdowns show seconds: redraw once a second while one runs.
  return state_.screen != before || state_.screen == Screen::MoreTime || state_.screen == Screen::Ticket;
}

void VisitorRole::dispatch(const Event& e) {
  Step step = flow_.handle(state_, e, ctx_.clock.now());
  Screen before = state_.screen;
  state_ = std::move(step.state);
  if (state_.screen != before) log::debug(std::string("screen ") + shubbak::screen_name(state_.screen));
  for (const auto& fx : step.effects) perform(fx);
}

void VisitorRole::perform(const Effect& effect) {
  if (auto* issue_fx = std::get_if<fx::IssueTicket>(&effect)) {
    issue(*issue_fx);
  } else if (auto* look = std::get_if<fx::LookupVisitor>(&effect)) {
    look_up(*look);
  } else if (auto* appt = std::get_if<fx::LookupAppointment>(&effect)) {
    look_up(*appt);
  } else if (auto* alert = std::get_if<fx::RaiseAlert>(&effect)) {
    try {
      store_.raise_alert(alert->kind, ctx_.config.settings.kiosk_id, ctx_.clock.now());
      log::info("alert raised for the counter: " + alert->kind);
    } catch (const store::StoreError& err) {
      log::error("could not record an alert (" + std::string(store::fault_name(err.fault)) + "): " + err.what());
    }
  } else if (auto* phone = std::get_if<fx::KeepTicketPhone>(&effect)) {
    keep_phone(*phone);
  } else if (auto* p = std::get_if<fx::PlayPrompt>(&effect)) {
    play(*p);
  } else if (auto* pt = std::get_if<fx::PrintTicket>(&effect)) {
    const bool ok = printer_ && printer_->print(ticket_layout(pt->ticket, pt->lang, ctx_.config, ctx_.tr,
                                                              ctx_.clock.now()));
    if (!ok) dispatch(ev::PrintFailed{});
  }
}

void VisitorRole::issue(const fx::IssueTicket& issue) {
  IssueRequest req;
  req.service_id = issue.service_id;
  req.new_visitor = issue.visitor;
  req.existing_visitor_id = issue.existing_visitor_id;
  req.priority = issue.priority;
  for (const auto& [purpose, yes] : issue.consents)  // the flow's purpose ids, the store's purposes
    if (auto p = parse_consent_purpose(purpose)) req.consents[*p] = yes;
  req.appointment_id = issue.appointment_id;
  req.lang = lang();
  try {
    IssuedTicket t = store_.issue(req, ctx_.clock.now());
    log::info("ticket " + t.number + " issued");  // the number only: no personal data, no service
    dispatch(ev::TicketIssued{t});
  } catch (const store::StoreError& err) {
    log::error(std::string("could not save a ticket (") + store::fault_name(err.fault) + "): " + err.what());
    dispatch(ev::StoreFailed{});
  }
}

// Never the number in a log line: the ticket's number only.
void VisitorRole::keep_phone(const fx::KeepTicketPhone& keep) {
  bool ok = false;
  try {
    ok = store_.keep_ticket_phone(keep.ticket_id, keep.phone, keep.lang, ctx_.clock.now()) == TicketPhoneResult::Saved;
    log::info(std::string("ticket ") + state_.ticket.number + (ok ? ": a number for its SMS was kept"
                                                                  : ": no number kept (the ticket ended or not a mobile)"));
  } catch (const store::StoreError& err) {
    log::error(std::string("could not keep a number for a ticket's SMS (") + store::fault_name(err.fault) + ")");
  }
  dispatch(ev::TicketPhoneSaved{ok});
}

void VisitorRole::look_up(const fx::LookupVisitor& look) {
  try {
    if (auto id = store_.find_visitor(look.kind, look.normalized)) dispatch(ev::VisitorFound{*id});
    else dispatch(ev::VisitorNotFound{});
  } catch (const store::StoreError& err) {
    log::error(std::string("could not look up a registration (") + store::fault_name(err.fault) + "): " + err.what());
    dispatch(ev::VisitorNotFound{});
  }
}

void VisitorRole::look_up(const fx::LookupAppointment& look) {
  try {
    const auto found = find_todays_appointment(store_, look.kind, look.normalized, ctx_.clock.now(),
                                               ctx_.config.settings.zone);
    if (found) dispatch(*found);
    else dispatch(ev::AppointmentNotFound{});
  } catch (const store::StoreError& err) {
    log::error(std::string("could not look up an appointment (") + store::fault_name(err.fault) + "): " + err.what());
    dispatch(ev::AppointmentNotFound{});
  }
}

void VisitorRole::play(const fx::PlayPrompt& p) {
  std::string clip = ctx_.voice.clip(p.lang, p.key);
  ctx_.audit.note_prompt(p.lang + "/" + p.key + (clip.empty() ? " (no clip)" : ""));
  if (!clip.empty()) ctx_.audio.play(clip);
}

}  // namespace shubbak::app
