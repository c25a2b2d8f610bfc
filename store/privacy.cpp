#include "store/privacy.hpp"

#include <string>

namespace shubbak::store {

namespace {

// Her current `keep` answer is yes: the latest consents row, or (registered before answers were kept per purpose)
// her registration's consent. Same rule as kiosk/store/consent_store.cpp's current_consents().
constexpr const char* kKeepHolds =
    "coalesce((SELECT c.granted FROM consents c WHERE c.visitor_id=v.id AND c.purpose='keep' "
    "ORDER BY c.at DESC, c.rowid DESC LIMIT 1), "
    "EXISTS(SELECT 1 FROM registrations g WHERE g.visitor_id=v.id AND g.consent=1)) = 1";

// Accompanied (issue 16): she agreed to be kept and an appointment or a referral of hers is still open.
const std::string kAccompanied = std::string("(") + kKeepHolds +
    " AND (EXISTS(SELECT 1 FROM appointments a WHERE a.visitor_id=v.id AND a.state='booked')"
    " OR EXISTS(SELECT 1 FROM referrals f WHERE f.visitor_id=v.id AND f.state IN ('proposed','accepted'))))";

// Referral reasons are staff's words, purged like notes (referrals written before the kept days), except those of
// an accompanied woman's open referral: the receiving service still needs them.
int64_t purge_referral_reasons(Database& db, const std::string& keep_from_day) {
  auto st = db.prepare("UPDATE referrals SET reason=NULL WHERE reason IS NOT NULL AND substr(created_at,1,10) < ?1 "
                       "AND NOT (state IN ('proposed','accepted') AND EXISTS(SELECT 1 FROM visitors v WHERE "
                       "v.id=referrals.visitor_id AND " + kAccompanied + "))");
  st.bind(1, keep_from_day).run();
  return db.changes();
}

// A message's number and words, once its day is done and it will not be written again (issue 18).
int64_t purge_sms_details(Database& db, const std::string& now_rfc3339) {
  auto st = db.prepare("UPDATE sms_queue SET phone=NULL, body=NULL, spool_name=NULL WHERE state IN "
                       "('sent','failed','cancelled') AND (phone IS NOT NULL OR body IS NOT NULL OR spool_name IS NOT "
                       "NULL) AND substr(created_at,1,10) < substr(?1,1,10)");
  st.bind(1, now_rfc3339).run();
  return db.changes();
}

// Numbers typed for one ticket alone (migration 8): the ticket's end deletes them; this is the day's end, for a
// ticket still waiting when the centre closed (and any ended ticket whose row a bug left).
int64_t purge_ticket_phones(Database& db, const std::string& today) {
  auto st = db.prepare("DELETE FROM ticket_phones WHERE ticket_id IN (SELECT id FROM tickets WHERE day < ?1 OR state "
                       "NOT IN ('waiting','called'))");
  st.bind(1, today).run();
  return db.changes();
}

}  // namespace

PurgeResult purge_personal_details(Database& db, const std::string& keep_from_day, const std::string& now_rfc3339,
                                   const std::string& today) {
  PurgeResult r;
  db.transaction([&] {
    static const std::string kDue =
        "v.purged_at IS NULL AND NOT EXISTS(SELECT 1 FROM tickets t WHERE t.visitor_id=v.id AND t.day>=?1) AND NOT " +
        kAccompanied;
    auto waiting = db.prepare(std::string("SELECT count(*) FROM visitors v WHERE ") + kDue +
                              " AND EXISTS(SELECT 1 FROM outbox o WHERE o.visitor_id=v.id AND o.state<>'sent')");
    waiting.bind(1, keep_from_day);
    waiting.step();
    r.waiting_send = waiting.integer(0);
    auto purge = db.prepare(std::string("UPDATE visitors AS v SET full_name=NULL, phone=NULL, cin=NULL, "
                                        "birth_year=NULL, commune=NULL, contact=NULL, purged_at=?2 WHERE ") +
                            kDue + " AND NOT EXISTS(SELECT 1 FROM outbox o WHERE o.visitor_id=v.id AND o.state<>'sent')");
    purge.bind(1, keep_from_day).bind(2, now_rfc3339).run();
    r.visitors = db.changes();
    auto notes = db.prepare("UPDATE tickets SET note=NULL WHERE note IS NOT NULL AND day<?1");
    notes.bind(1, keep_from_day).run();
    r.notes = db.changes();
    r.notes += purge_referral_reasons(db, keep_from_day);  // staff's words too
    r.messages = purge_sms_details(db, now_rfc3339);
    r.ticket_phones = purge_ticket_phones(db, today.empty() ? now_rfc3339.substr(0, 10) : today);
  });
  if (r.visitors || r.notes || r.messages || r.ticket_phones) {
    // Every page image that held the details is also in the WAL until it is checkpointed and truncated. A reader in
    // another process can hold the checkpoint back: then it completes on a later purge.
    auto st = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    st.step();
    r.checkpointed = st.integer(0) == 0;
  }
  return r;
}

PurgeResult purge_personal_details(Database& db, TimePoint now, int kept_days, const TimeZone& zone) {
  return purge_personal_details(db, local_day(now - std::chrono::hours(24) * kept_days, zone), to_rfc3339_utc(now),
                                local_day(now, zone));
}


}  // namespace shubbak::store
