// Accompaniment's actions at the desk (issue 16), while she is served and registered: book, move or cancel her
// appointment, refer her (and follow a referral's lifecycle), record a consent she tells the staff member. Each is
// one store transaction (audited by the store); a refusal keeps what was typed in her session's draft and says why.
#include "common/log.hpp"
#include "desk/desk_app.hpp"
#include "desk/words.hpp"
#include "kiosk/store/sms_queue.hpp"

namespace shubbak::desk {

namespace {

// The words for a referral the store refused.
const char* referral_refusal(ReferralError::Code c) {
  switch (c) {
    case ReferralError::NoReason:
      return N_("desk.refer_no_reason");
    case ReferralError::AlreadyOpen:
      return N_("desk.refer_already_open");
    case ReferralError::WrongState:
      return N_("desk.referral_wrong_state");
    case ReferralError::UnknownReasonCode:
      return N_("desk.referral_choose_reason");
    default:
      return N_("desk.refer_choose_place");
  }
}

bool is_reason(const std::vector<std::string>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace

bool DeskApp::shows_console_again(Action act) {
  return act == &DeskApp::served || act == &DeskApp::book || act == &DeskApp::cancel_appointment ||
         act == &DeskApp::refer || act == &DeskApp::referral_step || act == &DeskApp::consent;
}

DeskContext DeskApp::context_of(DeskSession& s) {
  const CounterState& st = s.counter.state();
  return {s.db,
          config_,
          st.login,
          st.current_id,
          st.current_service,
          s.counter.lang(),
          CounterFlow(config_.catalogue, 0).services_for(st.counter),
          clock_.now()};
}

void DeskApp::choose_booking(DeskSession& s, const Form& q) {
  if (s.acc.for_ticket != s.counter.state().current_id) reset_draft(s.acc, s.counter.state().current_id);
  if (q.has("book_service")) s.acc.book_service = q.get("book_service");
  if (q.has("book_day")) s.acc.book_day = q.get("book_day");
  if (q.has("move")) {
    s.acc.moving = q.get("move");
    s.acc.booked.reset();
    s.acc.offer.reset();
    if (s.acc.file)
      for (const auto& a : s.acc.file->appointments)
        if (a.id == s.acc.moving) s.acc.book_service = a.service_id;
  }
}

std::string DeskApp::book(DeskSession& s, const Form& f) {
  DeskContext c = context_of(s);
  AccompanyDraft& d = s.acc;
  if (!d.file || d.for_ticket != c.ticket_id) return N_("desk.no_file");
  TimePoint slot{};
  if (!parse_rfc3339_utc(f.get("slot"), slot)) return N_("desk.choose_slot");
  AppointmentStore store(s.db, config_.catalogue, config_.settings);
  const bool moving = !f.get("move").empty();
  if (moving) {
    auto a = store.get(f.get("move"));
    if (!a || a->visitor_id != d.file->visitor_id || a->state != "booked") return N_("desk.appointment_gone");
  }
  try {
    Booking b = moving ? store.move(f.get("move"), slot, c.login, c.now)
                       : store.book(d.file->visitor_id, f.get("service"), slot, f.get("with_staff"), c.login, c.now);
    if (auto* full = std::get_if<SlotFull>(&b)) {
      d.offer = full->next_free;
      d.book_service = moving ? d.book_service : f.get("service");
      d.moving = moving ? f.get("move") : "";
      return full->next_free ? N_("desk.slot_full") : N_("desk.slot_full_none");
    }
    d.booked = std::get<Appointment>(b);
    d.offer.reset();
    d.moving.clear();
    log::info("desk: " + c.login + (moving ? " moved" : " booked") + " an appointment");
  } catch (const std::invalid_argument& e) {
    log::warn(std::string("desk: a booking refused: ") + e.what());
    return N_("desk.choose_slot");
  }
  return "";
}

std::string DeskApp::cancel_appointment(DeskSession& s, const Form& f) {
  DeskContext c = context_of(s);
  AccompanyDraft& d = s.acc;
  if (!d.file || d.for_ticket != c.ticket_id) return N_("desk.no_file");
  AppointmentStore store(s.db, config_.catalogue, config_.settings);
  auto a = store.get(f.get("appointment"));
  if (!a || a->visitor_id != d.file->visitor_id || a->state != "booked") return N_("desk.appointment_gone");
  store.cancel(a->id, c.login, c.now);
  if (d.booked && d.booked->id == a->id) d.booked.reset();
  if (d.moving == a->id) d.moving.clear();
  d.notice = Words(tr_, c.lang).tr("desk.appointment_cancelled");
  return "";
}

std::string DeskApp::refer(DeskSession& s, const Form& f) {
  DeskContext c = context_of(s);
  AccompanyDraft& d = s.acc;
  if (!d.file || d.for_ticket != c.ticket_id) return N_("desk.no_file");
  if (f.has("to")) d.refer_to = f.get("to");
  if (f.has("reason")) d.refer_reason = f.get("reason");
  d.ask_share = false;
  d.why = {{"max", std::to_string(ReferralStore::kMaxReasonChars)}};
  if (CounterFlow::note_chars(d.refer_reason) > ReferralStore::kMaxReasonChars) return N_("desk.reason_too_long");
  ReferralStore store(s.db, config_.catalogue, config_.settings);
  const std::string& to = d.refer_to;
  try {
    if (to.rfind("service:", 0) == 0)
      store.refer_internal(d.file->visitor_id, c.service_id, to.substr(8), d.refer_reason, c.login, c.now);
    else if (to.rfind("partner:", 0) == 0)
      store.refer_external(d.file->visitor_id, c.service_id, to.substr(8), d.refer_reason, c.login, c.now);
    else
      return N_("desk.refer_choose_place");
  } catch (const ConsentMissing&) {
    d.ask_share = true;  // the page says why and offers to ask her now
    return N_("desk.share_missing");
  } catch (const ReferralError& e) {
    log::warn(std::string("desk: a referral refused: ") + e.what());
    return referral_refusal(e.code);
  }
  log::info("desk: " + c.login + " referred a visitor (" + to.substr(0, 7) + ")");
  d.refer_to.clear();
  d.refer_reason.clear();
  d.notice = Words(tr_, c.lang).tr("desk.referred");
  return "";
}

std::string DeskApp::referral_step(DeskSession& s, const Form& f) {
  DeskContext c = context_of(s);
  ReferralStore store(s.db, config_.catalogue, config_.settings);
  const std::string id = f.get("referral"), step = f.get("step"), code = f.get("reason");
  auto r = store.get(id, c.login);
  // Hers (while she is served), or one coming to this desk's services.
  const bool hers = s.acc.file && s.acc.for_ticket == c.ticket_id && r && r->visitor_id == s.acc.file->visitor_id;
  const bool incoming =
      r && r->internal() && std::find(c.services.begin(), c.services.end(), r->to_service) != c.services.end();
  if (!hers && !incoming) return N_("desk.referral_wrong_state");
  try {
    if (step == "accept")
      store.accept(id, c.login, c.now);
    else if (step == "decline" && is_reason(referral_decline_reasons(), code))
      store.decline(id, code, c.login, c.now);
    else if (step == "complete")
      store.complete(id, c.login, c.now);
    else if (step == "not_complete" && is_reason(referral_not_completed_reasons(), code))
      store.not_complete(id, code, c.login, c.now);
    else
      return N_("desk.referral_choose_reason");
  } catch (const ReferralError& e) {
    log::warn(std::string("desk: a referral step refused: ") + e.what());
    return referral_refusal(e.code);
  }
  return "";
}

std::string DeskApp::consent(DeskSession& s, const Form& f) {
  DeskContext c = context_of(s);
  AccompanyDraft& d = s.acc;
  if (!d.file || d.for_ticket != c.ticket_id) return N_("desk.no_file");
  auto purpose = parse_consent_purpose(f.get("purpose"));
  const std::string answer = f.get("answer");
  if (!purpose || (answer != "yes" && answer != "no")) return N_("desk.bad_request");
  const bool granted = answer == "yes";
  const std::string& visitor = d.file->visitor_id;
  SmsQueue sms(s.db);
  int64_t queued = 0;
  for (const auto& m : sms.of_visitor(visitor)) queued += m.state == "queued";
  ConsentStore(s.db, config_.settings).record(visitor, *purpose, granted, ConsentSource::desk(c.login), c.now);
  Words w(tr_, c.lang);
  d.notice = w.tr("desk.consent_recorded");
  if (*purpose == ConsentPurpose::Sms && !granted && queued > 0)
    d.notice += " " + w.tr("desk.sms_cancelled", {{"count", std::to_string(queued)}});
  const bool asked_for_referral = d.ask_share && *purpose == ConsentPurpose::Share && f.get("then") == "refer";
  d.ask_share = false;
  if (!asked_for_referral) return "";
  if (!granted) {
    d.notice = w.tr("desk.share_refused_not_referred");
    return "";
  }
  return refer(s, Form{});  // her answer is yes: the referral as it was typed
}

}  // namespace shubbak::desk
