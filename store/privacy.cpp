#include "store/privacy.hpp"

namespace shubbak::store {

PurgeResult purge_personal_details(Database& db, const std::string& keep_from_day, const std::string& now_rfc3339) {
  PurgeResult r;
  db.transaction([&] {
    static const char* kDue =
        "v.purged_at IS NULL AND NOT EXISTS(SELECT 1 FROM tickets t WHERE t.visitor_id=v.id AND t.day>=?1)";
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
  });
  if (r.visitors || r.notes) {
    // Every page image that held the details is also in the WAL until it is checkpointed and truncated. A reader in
    // another process can hold the checkpoint back: then it completes on a later purge.
    auto st = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    st.step();
    r.checkpointed = st.integer(0) == 0;
  }
  return r;
}

PurgeResult purge_personal_details(Database& db, TimePoint now, int kept_days, const TimeZone& zone) {
  return purge_personal_details(db, local_day(now - std::chrono::hours(24) * kept_days, zone), to_rfc3339_utc(now));
}


}  // namespace shubbak::store
