// The accompaniment's parts of the console page (templates accompany.tpl, day.tpl, referral_steps.tpl).
#include "desk/accompany_pages.hpp"

#include "desk/words.hpp"

namespace shubbak::desk {

using ctemplate::TemplateDictionary;

namespace {

std::string service_title(const Catalogue& cat, const std::string& id, const Words& w) {
  const Service* s = cat.service(id);
  return s ? in_lang(s->title, w.lang()) : id;
}

std::string place_of(const Referral& r, const Catalogue& cat, const Words& w) {
  if (r.internal()) return service_title(cat, r.to_service, w);
  const Partner* p = cat.partner(r.partner_id);
  return p ? p->name : r.partner_id;
}

std::string reason_words(const std::string& code, const Words& w) {
  static const std::map<std::string, const char*> reasons = {{"not_eligible", N_("referral.reason.not_eligible")},
                                                             {"no_place", N_("referral.reason.no_place")},
                                                             {"refused", N_("referral.reason.refused")},
                                                             {"unreachable", N_("referral.reason.unreachable")},
                                                             {"other", N_("referral.reason.other")}};
  auto it = reasons.find(code);
  return it == reasons.end() ? code : w.tr(it->second);
}

std::string referral_state_words(const Referral& r, const Words& w) {
  static const std::map<std::string, const char*> states = {{"proposed", N_("desk.referral_proposed")},
                                                            {"accepted", N_("desk.referral_accepted")},
                                                            {"declined", N_("desk.referral_declined")},
                                                            {"completed", N_("desk.referral_completed")},
                                                            {"not_completed", N_("desk.referral_not_completed")}};
  auto it = states.find(r.state);
  std::string words = it == states.end() ? r.state : w.tr(it->second);
  if (!r.state_reason.empty()) words += " — " + reason_words(r.state_reason, w);
  return words;
}

void fill_reasons(TemplateDictionary& d, const char* section, const std::vector<std::string>& codes, const Words& w) {
  for (const auto& code : codes) {
    TemplateDictionary* r = d.AddSectionDictionary(section);
    r->SetValue("CODE", code);
    r->SetValue("LABEL", reason_words(code, w));
  }
}

// Her referral (or one coming in) with the buttons of its next steps.
void fill_referral(TemplateDictionary& d, const Referral& r, const Words& w, const PageContext& c) {
  d.SetValue("ID", r.id);
  d.SetValue("PLACE", place_of(r, c.config.catalogue, w));
  d.SetValue("FROM", service_title(c.config.catalogue, r.from_service, w));
  d.SetValue("STATE", referral_state_words(r, w));
  d.SetValue("DAY", w.day(local_day(r.created_at, c.config.settings.zone)));
  if (r.reason_hidden) {
    d.SetValue("REASON_HIDDEN",
               w.tr("desk.reason_kept_by", {{"service", service_title(c.config.catalogue, r.from_service, w)}}));
    d.ShowSection("HIDDEN");
  } else if (!r.reason.empty()) {
    d.AddSectionDictionary("REASON")->SetValue("TEXT", r.reason);
  }
  TemplateDictionary* steps = d.AddIncludeDictionary("STEPS");
  steps->SetFilename(c.dir + "/referral_steps.tpl");
  steps->SetValue("ID", r.id);
  if (r.state == "proposed") {
    TemplateDictionary* p = steps->AddSectionDictionary("PROPOSED");
    fill_reasons(*p, "DECLINE_REASON", referral_decline_reasons(), w);
  } else if (r.state == "accepted") {
    TemplateDictionary* a = steps->AddSectionDictionary("ACCEPTED");
    fill_reasons(*a, "NOT_COMPLETED_REASON", referral_not_completed_reasons(), w);
  }
}

void fill_visits(TemplateDictionary& f, const VisitorHistory& h, const Words& w, const PageContext& c) {
  static const std::map<std::string, const char*> states = {{"no_show", N_("desk.visit_no_show")},
                                                            {"cancelled", N_("desk.visit_cancelled")}};
  if (h.visits.empty()) f.ShowSection("NO_VISITS");
  for (const auto& v : h.visits) {
    TemplateDictionary* r = f.AddSectionDictionary("VISIT");
    r->SetValue("DAY", w.day(v.day));
    r->SetValue("SERVICE", service_title(c.config.catalogue, v.service_id, w));
    std::string outcome;
    for (const auto& o : c.config.catalogue.outcomes())
      if (o.id == v.outcome) outcome = in_lang(o.label, w.lang());
    auto st = states.find(v.state);
    if (outcome.empty() && st != states.end()) outcome = w.tr(st->second);
    r->SetValue("OUTCOME", outcome.empty() ? v.outcome : outcome);
    if (v.note_state == NoteState::Shown) r->AddSectionDictionary("NOTE")->SetValue("TEXT", v.note);
    if (v.note_state == NoteState::Hidden)
      r->AddSectionDictionary("NOTE_HIDDEN")
          ->SetValue("WORDS",
                     w.tr("desk.note_kept_by", {{"service", service_title(c.config.catalogue, v.service_id, w)}}));
  }
}

void fill_appointments(TemplateDictionary& f, const VisitorHistory& h, const Words& w, const PageContext& c) {
  if (h.appointments.empty()) f.ShowSection("NO_APPOINTMENTS");
  for (const auto& a : h.appointments) {
    TemplateDictionary* r = f.AddSectionDictionary("APPOINTMENT");
    r->SetValue("ID", a.id);
    r->SetValue("WHEN", w.when(a.slot_start, c.config.settings.zone));
    r->SetValue("SERVICE", service_title(c.config.catalogue, a.service_id, w));
    r->SetValue("CODE", a.code);
  }
}

void fill_milestones(TemplateDictionary& f, const VisitorHistory& h, const Words& w) {
  static const std::map<std::string, const char*> words = {{"registered", N_("desk.milestone_registered")},
                                                           {"coached", N_("desk.milestone_coached")},
                                                           {"trained", N_("desk.milestone_trained")},
                                                           {"incubated", N_("desk.milestone_incubated")},
                                                           {"project_started", N_("desk.milestone_project_started")}};
  for (const auto& id : milestone_ids()) {
    TemplateDictionary* r = f.AddSectionDictionary("MILESTONE");
    auto it = words.find(id);
    r->SetValue("LABEL", it == words.end() ? id : w.tr(it->second));
    r->SetValue("ID", id);
    for (const auto& m : h.milestones)
      if (m.milestone == id) r->ShowSection("REACHED");
  }
}

void fill_consents(TemplateDictionary& f, const AccompanyDraft& d, const Words& w, const PageContext& c) {
  for (ConsentPurpose p : consent_purposes()) {
    TemplateDictionary* r = f.AddSectionDictionary("CONSENT");
    r->SetValue("PURPOSE", consent_purpose_id(p));
    r->SetValue("LABEL", w.tr(consent_label_key(p)));
    auto it = d.consents.find(p);
    if (it == d.consents.end()) {
      r->SetValue("ANSWER", w.tr("desk.consent_not_asked"));
      continue;
    }
    const std::string day = w.day(local_day(it->second.at, c.config.settings.zone));
    r->SetValue("ANSWER",
                w.tr(it->second.granted ? "desk.consent_yes_since" : "desk.consent_no_since", {{"day", day}}));
    r->ShowSection(it->second.granted ? "GRANTED" : "REFUSED");
  }
}

// The card she takes home: day, time, code, the centre; no service name for a sensitive service.
void fill_booked(TemplateDictionary& b, const Appointment& a, const Words& w, const PageContext& c) {
  TemplateDictionary* card = b.AddSectionDictionary("BOOKED");
  card->SetValue("CODE", a.code);
  card->SetValue("WHEN", w.when(a.slot_start, c.config.settings.zone));
  card->SetValue("CENTRE", in_lang(c.config.settings.centre_name, w.lang()));
  const Service* svc = c.config.catalogue.service(a.service_id);
  if (svc && !svc->sensitive)
    card->AddSectionDictionary("CARD_SERVICE")->SetValue("NAME", in_lang(svc->title, w.lang()));
}

void fill_booking(TemplateDictionary& b, const AccompanyView& v, const Words& w, const PageContext& c) {
  const AccompanyDraft& d = v.draft;
  const TimeZone& zone = c.config.settings.zone;
  if (d.booked) fill_booked(b, *d.booked, w, c);
  if (d.offer) {
    TemplateDictionary* o = b.AddSectionDictionary("OFFER");
    o->SetValue("SLOT", to_rfc3339_utc(*d.offer));
    o->SetValue("SERVICE", v.book_service);
    o->SetValue("MOVE", d.moving);
    o->SetValue("WORDS", w.tr("desk.next_free", {{"when", w.when(*d.offer, zone)}}));
  }
  std::string moving_when;
  if (!d.moving.empty() && d.file)
    for (const auto& a : d.file->appointments)
      if (a.id == d.moving) moving_when = w.when(a.slot_start, zone);
  b.SetValue("BOOK_TITLE",
             moving_when.empty() ? w.tr("desk.book_title") : w.tr("desk.move_title", {{"when", moving_when}}));
  b.SetValue("MOVE", moving_when.empty() ? "" : d.moving);
  if (!moving_when.empty()) b.ShowSection("MOVING");
  if (v.book_services.empty()) b.ShowSection("NO_SLOTS_AT_ALL");
  for (const auto& id : v.book_services) {
    TemplateDictionary* r = b.AddSectionDictionary("BOOK_SERVICE");
    r->SetValue("ID", id);
    r->SetValue("LABEL", service_title(c.config.catalogue, id, w));
    if (id == v.book_service) r->ShowSection("SELECTED");
  }
  for (const auto& day : v.book_days) {
    TemplateDictionary* r = b.AddSectionDictionary("BOOK_DAY");
    r->SetValue("DAY", day);
    r->SetValue("LABEL", w.day(day));
    if (day == v.book_day) r->ShowSection("SELECTED");
  }
  b.SetValue("SERVICE", v.book_service);
  for (const auto& st : c.staff) {
    TemplateDictionary* r = b.AddSectionDictionary("STAFF");
    r->SetValue("LOGIN", st.login);
    r->SetValue("NAME", st.name);
  }
  if (v.book_slots.empty()) b.ShowSection("NO_SLOT");
  bool chosen = false;
  for (const auto& slot : v.book_slots) {
    TemplateDictionary* r = b.AddSectionDictionary("SLOT");
    r->SetValue("VALUE", to_rfc3339_utc(slot.start));
    const int left = slot.capacity - slot.booked;
    const std::string hhmm = local_hhmm(slot.start, zone);
    if (slot.full()) r->ShowSection("FULL");
    if (!slot.full() && !chosen) {  // the first time with room is chosen: a full one only on purpose
      r->ShowSection("SELECTED");
      chosen = true;
    }
    r->SetValue("LABEL", slot.full() ? w.tr("desk.slot_full_label", {{"time", hhmm}})
                                     : w.tr("desk.slot_free_label", {{"time", hhmm}, {"count", std::to_string(left)}}));
  }
}

void fill_refer(TemplateDictionary& f, const AccompanyView& v, const Words& w) {
  const AccompanyDraft& d = v.draft;
  if (d.ask_share) f.ShowSection("ASK_SHARE");
  for (const auto& [value, label] : v.refer_choices) {
    TemplateDictionary* r = f.AddSectionDictionary("REFER_TO");
    r->SetValue("VALUE", value);
    r->SetValue("LABEL", value.rfind("partner:", 0) == 0 ? w.tr("desk.refer_partner", {{"name", label}}) : label);
    if (value == d.refer_to) r->ShowSection("SELECTED");
  }
  f.SetValue("REASON", d.refer_reason);
  f.SetIntValue("REASON_MAX", static_cast<long>(ReferralStore::kMaxReasonChars));
  f.SetValue("REASON_LIMIT", w.tr("desk.note_limit", {{"max", std::to_string(ReferralStore::kMaxReasonChars)}}));
}

}  // namespace

void fill_file(TemplateDictionary& f, const AccompanyView& v, const Words& w, const PageContext& c) {
  const VisitorHistory& h = *v.draft.file;
  fill_visits(f, h, w, c);
  fill_appointments(f, h, w, c);
  if (h.referrals.empty()) f.ShowSection("NO_REFERRALS");
  for (const auto& r : h.referrals) fill_referral(*f.AddSectionDictionary("REFERRAL"), r, w, c);
  fill_milestones(f, h, w);
  fill_consents(f, v.draft, w, c);
}

void fill_day(TemplateDictionary& d, const AccompanyView& v, const Words& w, const PageContext& c) {
  const TimeZone& zone = c.config.settings.zone;
  if (v.today.empty()) d.ShowSection("NO_DAY_APPOINTMENTS");
  for (const auto& t : v.today) {
    TemplateDictionary* r = d.AddSectionDictionary("DAY_APPOINTMENT");
    r->SetValue("TIME", local_hhmm(t.a.appointment.slot_start, zone));
    r->SetValue("WHO", t.a.arrived ? t.a.ticket_number : t.initial);
    r->SetValue("SERVICE", service_title(c.config.catalogue, t.a.appointment.service_id, w));
    const char* state = !t.a.arrived           ? N_("desk.appointment_not_arrived")
                        : t.a.appointment.late ? N_("desk.late_walk_in")
                                               : N_("desk.appointment_arrived");
    r->SetValue("STATE", w.tr(state));
    r->SetValue("CLASS", t.a.arrived ? (t.a.appointment.late ? "late" : "arrived") : "expected");
  }
  if (v.incoming.empty()) d.ShowSection("NO_INCOMING");
  for (const auto& r : v.incoming) fill_referral(*d.AddSectionDictionary("INCOMING"), r, w, c);
}

}  // namespace shubbak::desk

namespace shubbak::desk {

void fill_accompany(TemplateDictionary& d, const AccompanyView& v, const Words& w, const PageContext& c) {
  if (v.draft.for_ticket.empty()) {
    d.ShowSection("IDLE_FILE");
    return;
  }
  if (!v.draft.file) {
    d.ShowSection("NO_FILE");
    return;
  }
  TemplateDictionary* f = d.AddSectionDictionary("FILE");
  fill_file(*f, v, w, c);
  fill_booking(*f, v, w, c);
  fill_refer(*f, v, w);
}

}  // namespace shubbak::desk
