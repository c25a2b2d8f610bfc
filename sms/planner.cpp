#include "sms/planner.hpp"

#include <string>
#include <vector>

#include "kiosk/store/queue_order.hpp"
#include "kiosk/store/sms_queue.hpp"

namespace shubbak::sms {

namespace {

struct Candidate {
  std::string subject, visitor_id, service_id;
};

// Who the desk would call before her now, and who is at a counter: the kiosk's own count (kiosk_store.cpp).
int people_ahead(store::Database& db, const std::string& ticket_id, const std::string& at) {
  static const std::string sql =
      "SELECT count(*) FROM tickets t JOIN tickets me ON me.id=?1 WHERE t.service_id=me.service_id AND "
      "t.day=me.day AND t.id<>me.id AND (t.state='called' OR (t.state='waiting' AND (" + queue_order_key("t", "?2") +
      ") < (" + queue_order_key("me", "?2") + ")))";
  auto st = db.cached(sql);
  st->bind(1, ticket_id).bind(2, at);
  st->step();
  return static_cast<int>(st->integer(0));
}

std::vector<Candidate> rows(store::Database& db, const std::string& sql, const std::string& a, const std::string& b) {
  auto st = db.prepare(sql);
  st.bind(1, a);
  if (!b.empty()) st.bind(2, b);
  std::vector<Candidate> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2)});
  return out;
}

// A number typed for this ticket alone (ticket_phones) wins over the one she registered: she chose it for today.
int plan_turn_near(store::Database& db, const CentreConfig& config, TimePoint now) {
  const std::string at = to_rfc3339_utc(now);
  struct Waiting {
    Candidate c;
    bool typed;
  };
  std::vector<Waiting> waiting;
  {
    auto st = db.prepare("SELECT t.id, coalesce(t.visitor_id,''), t.service_id, p.ticket_id IS NOT NULL FROM tickets t "
                         "LEFT JOIN visitors v ON v.id=t.visitor_id LEFT JOIN ticket_phones p ON p.ticket_id=t.id "
                         "WHERE t.day=?1 AND t.state='waiting' AND (p.ticket_id IS NOT NULL OR coalesce(v.phone,'')<>'') "
                         "AND NOT EXISTS(SELECT 1 FROM sms_queue q WHERE q.kind='turn_near' AND q.subject=t.id)");
    st.bind(1, local_day(now, config.settings.zone));
    while (st.step()) waiting.push_back({{st.text(0), st.text(1), st.text(2)}, st.integer(3) != 0});
  }
  int n = 0;
  SmsQueue queue(db);
  for (const auto& [c, typed] : waiting) {
    const Service* svc = config.catalogue.service(c.service_id);
    if (!svc || svc->sms_ahead <= 0 || people_ahead(db, c.subject, at) > svc->sms_ahead) continue;
    const auto id = typed ? queue.enqueue_typed_turn_near(c.subject, now)
                          : queue.enqueue_if_consented(c.visitor_id, "turn_near", c.subject, now, now);
    if (id) ++n;
  }
  return n;
}

int plan_reminders(store::Database& db, const CentreConfig& config, TimePoint now) {
  const SmsSettings& s = config.settings.sms;
  const int minute = local_minute_of_day(now, config.settings.zone);
  if (minute < s.reminder_hour * 60 || s.quiet_at(minute)) return 0;
  const std::string tomorrow = local_day(now + std::chrono::hours(24), config.settings.zone);
  auto due = rows(db,
                  "SELECT a.id, a.visitor_id, a.service_id FROM appointments a JOIN visitors v ON v.id=a.visitor_id "
                  "WHERE a.day=?1 AND a.state='booked' AND coalesce(v.phone,'')<>'' AND NOT EXISTS("
                  "SELECT 1 FROM sms_queue q WHERE q.kind='appointment_reminder' AND q.subject=a.id AND "
                  "q.state<>'cancelled' AND q.created_at>=a.updated_at)",
                  tomorrow, "");
  int n = 0;
  SmsQueue queue(db);
  for (const auto& c : due)
    if (queue.enqueue_if_consented(c.visitor_id, "appointment_reminder", c.subject, now, now)) ++n;
  return n;
}

// Her turn came (called, served, gone) before the message left: it would only confuse her.
int cancel_stale_turn_near(store::Database& db, TimePoint now) {
  int n = 0;
  db.transaction([&] {
    db.prepare("UPDATE sms_queue SET state='cancelled', last_error=? WHERE kind='turn_near' AND state='queued' AND "
               "NOT EXISTS(SELECT 1 FROM tickets t WHERE t.id=sms_queue.subject AND t.state='waiting')")
        .bind(1, "her ticket was no longer waiting at " + to_rfc3339_utc(now)).run();
    n = static_cast<int>(db.changes());
  });
  return n;
}

// A typed number outlives its ticket nowhere: a message still in gammu's hands when the ticket ended (the trigger of
// store migration 8 left it alone) loses its number and text once it is done.
int forget_typed_numbers(store::Database& db) {
  int n = 0;
  db.transaction([&] {
    db.exec("UPDATE sms_queue SET phone=NULL, body=NULL, spool_name=NULL WHERE typed=1 AND state IN "
            "('sent','failed','cancelled') AND (phone IS NOT NULL OR body IS NOT NULL OR spool_name IS NOT NULL) AND "
            "NOT EXISTS(SELECT 1 FROM ticket_phones p WHERE p.ticket_id=sms_queue.subject)");
    n = static_cast<int>(db.changes());
  });
  return n;
}

}  // namespace

int local_minute_of_day(TimePoint t, const TimeZone& zone) {
  const std::string hhmm = local_hhmm(t, zone);
  return std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2));
}

PlanResult plan_messages(store::Database& db, const CentreConfig& config, TimePoint now) {
  PlanResult r;
  if (!config.settings.sms.enabled) return r;
  r.cancelled = cancel_stale_turn_near(db, now);
  forget_typed_numbers(db);
  r.turn_near = plan_turn_near(db, config, now);
  r.reminders = plan_reminders(db, config, now);
  return r;
}

}  // namespace shubbak::sms
