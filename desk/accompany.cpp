#include "desk/accompany.hpp"

#include <algorithm>

#include "desk/words.hpp"
#include "kiosk/core/appointment_slots.hpp"

namespace shubbak::desk {

namespace {

// The first letter of her name (a whole UTF-8 character), for a list that must not show names.
std::string initial_of(store::Database& db, const std::string& visitor_id) {
  auto st = db.prepare("SELECT coalesce(full_name,'') FROM visitors WHERE id=? AND purged_at IS NULL");
  st.bind(1, visitor_id);
  if (!st.step()) return "";
  const std::string name = st.text(0);
  if (name.empty()) return "";
  size_t n = 1;
  while (n < name.size() && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) ++n;
  return name.substr(0, n);
}

// The day asked for, or else the first day with a free slot (late in the day, today's last slots are often taken),
// else the first day shown, whose full slots the page then lists; and that day's coming slots.
void choose_book_day(const DeskContext& c, const AccompanyDraft& d, AccompanyView& v) {
  AppointmentStore appointments(c.db, c.config.catalogue, c.config.settings);
  auto coming_slots = [&](const std::string& day) {
    std::vector<SlotAvailability> out;
    for (const auto& slot : appointments.slots(v.book_service, day))
      if (slot.start > c.now) out.push_back(slot);
    return out;
  };
  if (std::find(v.book_days.begin(), v.book_days.end(), d.book_day) != v.book_days.end()) {
    v.book_day = d.book_day;
    v.book_slots = coming_slots(v.book_day);
    return;
  }
  for (const auto& day : v.book_days) {
    auto slots = coming_slots(day);
    if (std::any_of(slots.begin(), slots.end(), [](const SlotAvailability& s) { return !s.full(); })) {
      v.book_day = day;
      v.book_slots = std::move(slots);
      return;
    }
  }
  v.book_day = v.book_days.front();
  v.book_slots = coming_slots(v.book_day);
}

void load_booking(const DeskContext& c, const AccompanyDraft& d, AccompanyView& v) {
  const Catalogue& cat = c.config.catalogue;
  for (const auto& s : cat.services())
    if (s.slots.minutes > 0) v.book_services.push_back(s.id);
  if (v.book_services.empty()) return;
  auto has = [&](const std::string& id) {
    return std::find(v.book_services.begin(), v.book_services.end(), id) != v.book_services.end();
  };
  v.book_service = has(d.book_service) ? d.book_service : has(c.service_id) ? c.service_id : v.book_services.front();
  const Service& svc = *cat.service(v.book_service);
  const TimeZone& zone = c.config.settings.zone;
  const std::string today = local_day(c.now, zone);
  for (int i = 0; i < kAppointmentHorizonDays && static_cast<int>(v.book_days.size()) < kBookingDaysShown; ++i) {
    const std::string day = add_days(today, i);
    auto starts = slots_of_day(svc.slots, day, zone);
    if (std::any_of(starts.begin(), starts.end(), [&](TimePoint t) { return t > c.now; })) v.book_days.push_back(day);
  }
  if (!v.book_days.empty()) choose_book_day(c, d, v);
}

// Other services of the centre, and the partners that take referrals from the service serving her.
void load_refer_choices(const DeskContext& c, AccompanyView& v) {
  const Catalogue& cat = c.config.catalogue;
  for (const auto& s : cat.services())
    if (s.id != c.service_id) v.refer_choices.push_back({"service:" + s.id, in_lang(s.title, c.lang)});
  for (const auto& p : cat.partners())
    if (std::find(p.services.begin(), p.services.end(), c.service_id) != p.services.end())
      v.refer_choices.push_back({"partner:" + p.id, p.name});
}

void load_day(const DeskContext& c, AccompanyView& v) {
  AppointmentStore appointments(c.db, c.config.catalogue, c.config.settings);
  for (auto& t : appointments.today(c.services, c.now))
    v.today.push_back({t, t.arrived ? "" : initial_of(c.db, t.appointment.visitor_id)});
  ReferralStore referrals(c.db, c.config.catalogue, c.config.settings);
  v.incoming = referrals.waiting_at(c.services, c.login);
}

}  // namespace

std::string visitor_of_ticket(store::Database& db, const std::string& ticket_id) {
  auto st = db.prepare(
      "SELECT coalesce(t.visitor_id,'') FROM tickets t JOIN visitors v ON v.id=t.visitor_id "
      "WHERE t.id=? AND v.purged_at IS NULL");
  st.bind(1, ticket_id);
  return st.step() ? st.text(0) : "";
}

void reread_file(const DeskContext& c, AccompanyDraft& d) {
  HistoryStore history(c.db, c.config.catalogue, c.config.settings);
  d.file = history.for_ticket(c.ticket_id, c.login, c.now);
  d.consents = d.file ? current_consents(c.db, d.file->visitor_id) : std::map<ConsentPurpose, ConsentAnswer>{};
  d.file_read = true;
}

AccompanyView load_accompaniment(const DeskContext& c, AccompanyDraft& d, bool fresh) {
  if (d.for_ticket != c.ticket_id) reset_draft(d, c.ticket_id);
  AccompanyView v{d, {}, {}, {}, {}, {}, {}, {}, {}};
  load_day(c, v);
  if (c.ticket_id.empty()) return v;
  if (fresh || !d.file_read) reread_file(c, d);
  if (!d.file) return v;
  load_booking(c, d, v);
  load_refer_choices(c, v);
  return v;
}

}  // namespace shubbak::desk
