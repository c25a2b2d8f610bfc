#include "kiosk/store/history_store.hpp"

#include "kiosk/store/staff_store.hpp"

namespace shubbak {

HistoryStore::HistoryStore(store::Database& db, const Catalogue& catalogue, const Settings& settings)
    : db_(db), catalogue_(catalogue), referrals_(db, catalogue, settings) {}

std::optional<VisitorHistory> HistoryStore::for_ticket(const std::string& ticket_id, const std::string& staff,
                                                       TimePoint now) {
  std::optional<VisitorHistory> h;
  db_.transaction([&] {  // one snapshot, and the audit entry with it
    auto st = db_.prepare("SELECT t.visitor_id, t.number FROM tickets t JOIN visitors v ON v.id = t.visitor_id "
                          "WHERE t.id=? AND t.state IN ('called','serving')");
    st.bind(1, ticket_id);
    if (!st.step()) return;  // only while she is being served, and only a registered woman
    VisitorHistory v;
    v.visitor_id = st.text(0);
    const std::string number = st.text(1);
    v.visits = visits(v.visitor_id, ticket_id, staff);
    v.appointments = appointments(v.visitor_id);
    v.referrals = referrals_.of_visitor(v.visitor_id, staff);
    v.milestones = milestones_of(db_, v.visitor_id);
    int hidden = 0;
    for (const auto& p : v.visits) hidden += p.note_state == NoteState::Hidden;
    for (const auto& r : v.referrals) hidden += r.reason_hidden;
    append_audit(db_, "staff:" + staff, "history_viewed", number,
                 "visits=" + std::to_string(v.visits.size()) + " hidden=" + std::to_string(hidden), now);
    h = std::move(v);
  });
  return h;
}

std::vector<PastVisit> HistoryStore::visits(const std::string& visitor_id, const std::string& except_ticket,
                                            const std::string& staff) {
  std::vector<PastVisit> out;
  std::vector<bool> written_sensitive;  // the ticket's service was sensitive when the note was written
  {
    // The note's words are not selected here: only whether one exists.
    auto st = db_.prepare("SELECT id, number, day, service_id, state, coalesce(outcome,''), coalesce(served_at,''), "
                          "note IS NOT NULL, sensitive FROM tickets "
                          "WHERE visitor_id=? AND id<>? AND state IN ('served','no_show','cancelled') "
                          "ORDER BY issued_at DESC, rowid DESC LIMIT ?");
    st.bind(1, visitor_id).bind(2, except_ticket).bind(3, kMaxVisits);
    while (st.step()) {
      PastVisit p;
      p.ticket_id = st.text(0);
      p.number = st.text(1);
      p.day = st.text(2);
      p.service_id = st.text(3);
      p.state = st.text(4);
      p.outcome = st.text(5);
      parse_rfc3339_utc(st.text(6), p.served_at);
      p.note_state = st.integer(7) ? NoteState::Hidden : NoteState::None;  // Hidden until allowed below
      out.push_back(p);
      written_sensitive.push_back(st.integer(8) != 0);
    }
  }
  NoteAccess access(catalogue_, StaffStore(db_).services_of(staff));
  for (size_t i = 0; i < out.size(); ++i) {
    PastVisit& p = out[i];
    if (p.note_state == NoteState::None || !access.may_read(p.service_id, written_sensitive[i])) continue;
    auto st = db_.prepare("SELECT coalesce(note,'') FROM tickets WHERE id=?");  // only the notes she may read
    st.bind(1, p.ticket_id);
    if (st.step()) {
      p.note_state = NoteState::Shown;
      p.note = st.text(0);
    }
  }
  return out;
}

std::vector<OpenAppointment> HistoryStore::appointments(const std::string& visitor_id) {
  std::vector<OpenAppointment> out;
  auto st = db_.prepare("SELECT id, service_id, coalesce(staff_login,''), day, code, slot_start FROM appointments "
                        "WHERE visitor_id=? AND state='booked' ORDER BY slot_start, rowid");
  st.bind(1, visitor_id);
  while (st.step()) {
    OpenAppointment a{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)};
    parse_rfc3339_utc(st.text(5), a.slot_start);
    out.push_back(a);
  }
  return out;
}

}  // namespace shubbak
