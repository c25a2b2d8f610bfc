#include "kiosk/store/sms_queue.hpp"

#include "kiosk/store/consent_store.hpp"
#include "kiosk/store/within_transaction.hpp"

namespace shubbak {

SmsQueue::SmsQueue(store::Database& db) : db_(db) {}

int64_t SmsQueue::enqueue(const std::string& visitor_id, const std::string& kind, const std::string& subject,
                          TimePoint send_after, TimePoint now) {
  int64_t id = 0;
  within_transaction(db_, [&] {
    require_consent(db_, visitor_id, ConsentPurpose::Sms);  // read inside the write lock
    auto ins = db_.prepare("INSERT INTO sms_queue(visitor_id, kind, subject, created_at, send_after) VALUES(?,?,?,?,?)");
    ins.bind(1, visitor_id).bind(2, kind);
    if (subject.empty()) ins.bind_null(3); else ins.bind(3, subject);
    ins.bind(4, to_rfc3339_utc(now)).bind(5, to_rfc3339_utc(send_after)).run();
    id = db_.scalar("SELECT last_insert_rowid()");
  });
  return id;
}

std::optional<int64_t> SmsQueue::enqueue_if_consented(const std::string& visitor_id, const std::string& kind,
                                                     const std::string& subject, TimePoint send_after, TimePoint now) {
  std::optional<int64_t> id;
  within_transaction(db_, [&] {
    try {
      id = enqueue(visitor_id, kind, subject, send_after, now);
    } catch (const ConsentMissing&) {
      id.reset();
    }
  });
  return id;
}

std::optional<int64_t> SmsQueue::enqueue_typed_turn_near(const std::string& ticket_id, TimePoint now) {
  std::optional<int64_t> id;
  within_transaction(db_, [&] {
    auto st = db_.prepare("SELECT coalesce(t.visitor_id,'') FROM tickets t JOIN ticket_phones p ON p.ticket_id=t.id "
                          "WHERE t.id=?");
    st.bind(1, ticket_id);
    if (!st.step()) return;  // no number typed for this ticket: no consent for it
    const std::string visitor = st.text(0);
    st.reset();
    const std::string at = to_rfc3339_utc(now);
    auto ins = db_.prepare("INSERT INTO sms_queue(visitor_id, kind, subject, created_at, send_after, typed) "
                           "VALUES(?,'turn_near',?,?,?,1)");
    if (visitor.empty()) ins.bind_null(1); else ins.bind(1, visitor);
    ins.bind(2, ticket_id).bind(3, at).bind(4, at).run();
    id = db_.scalar("SELECT last_insert_rowid()");
  });
  return id;
}

std::vector<QueuedSms> SmsQueue::of_visitor(const std::string& visitor_id) {
  auto st = db_.prepare("SELECT id, visitor_id, kind, coalesce(subject,''), state, created_at, send_after "
                        "FROM sms_queue WHERE visitor_id=? ORDER BY id");
  st.bind(1, visitor_id);
  std::vector<QueuedSms> out;
  while (st.step()) {
    QueuedSms q;
    q.id = st.integer(0);
    q.visitor_id = st.text(1);
    q.kind = st.text(2);
    q.subject = st.text(3);
    q.state = st.text(4);
    parse_rfc3339_utc(st.text(5), q.created_at);
    parse_rfc3339_utc(st.text(6), q.send_after);
    out.push_back(q);
  }
  return out;
}

int64_t cancel_queued_sms(store::Database& db, const std::string& visitor_id, TimePoint now) {
  db.prepare("UPDATE sms_queue SET state='cancelled', last_error=? WHERE visitor_id=? AND state='queued'")
      .bind(1, "consent withdrawn at " + to_rfc3339_utc(now)).bind(2, visitor_id).run();
  return db.changes();
}

int64_t cancel_queued_sms_about(store::Database& db, const std::string& subject, TimePoint now) {
  db.prepare("UPDATE sms_queue SET state='cancelled', last_error=? WHERE subject=? AND state='queued'")
      .bind(1, "its subject changed at " + to_rfc3339_utc(now)).bind(2, subject).run();
  return db.changes();
}

}  // namespace shubbak
