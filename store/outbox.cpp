#include "store/outbox.hpp"

#include "store/uuid.hpp"

namespace shubbak::store {

std::string append_outbox(Database& db, Sealer& sealer, const std::string& kind, const std::string& json,
                          const std::string& created_at, const std::string& visitor_id) {
  std::string id = new_uuid_v4();
  Bytes sealed = sealer.seal(json);
  auto st = db.cached("INSERT INTO outbox(id, kind, created_at, payload, payload_size, visitor_id) VALUES(?,?,?,?,?,?)");
  st->bind(1, id).bind(2, kind).bind(3, created_at).bind_blob(4, sealed).bind(5, static_cast<int64_t>(sealed.size()));
  if (visitor_id.empty()) st->bind_null(6);
  else st->bind(6, visitor_id);
  st->run();
  return id;
}

OutboxCounts outbox_counts(Database& db) {
  OutboxCounts c;
  auto st = db.prepare("SELECT state, count(*) FROM outbox GROUP BY state");
  while (st.step()) {
    std::string s = st.text(0);
    int64_t n = st.integer(1);
    if (s == "pending") c.pending = n;
    else if (s == "in_flight") c.in_flight = n;
    else if (s == "sent") c.sent = n;
    else if (s == "quarantined") c.quarantined = n;
  }
  return c;
}

int64_t reset_in_flight(Database& db) {
  int64_t n = 0;
  db.transaction([&] {
    db.exec("UPDATE outbox SET state='pending', batch_id=NULL WHERE state='in_flight'");
    n = db.changes();
  });
  return n;
}

std::vector<OutboxRecord> claim_batch(Database& db, const std::string& batch_id, int max_records, size_t max_bytes,
                                      TimePoint now) {
  std::vector<OutboxRecord> out;
  const std::string t = to_rfc3339_utc(now);
  db.transaction([&] {
    auto st = db.prepare(
        "SELECT seq, id, kind, created_at, schema, payload FROM outbox WHERE state='pending' "
        "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY seq LIMIT ?");
    st.bind(1, t).bind(2, max_records);
    size_t bytes = 0;
    std::vector<int64_t> seqs;
    while (st.step()) {
      OutboxRecord r{st.text(1), st.text(2), st.text(3), static_cast<int>(st.integer(4)), st.blob(5)};
      // Base64 grows a payload by 4/3; stop before the batch passes max_bytes (one record always goes).
      size_t cost = r.payload.size() * 4 / 3 + 200;
      if (!out.empty() && bytes + cost > max_bytes) break;
      bytes += cost;
      seqs.push_back(st.integer(0));
      out.push_back(std::move(r));
    }
    auto upd = db.prepare("UPDATE outbox SET state='in_flight', batch_id=?, attempts=attempts+1 WHERE seq=?");
    for (int64_t s : seqs) {
      upd.bind(1, batch_id).bind(2, s);
      upd.run();
      upd.reset();
    }
  });
  return out;
}

void mark_sent(Database& db, const std::vector<std::string>& ids, TimePoint now) {
  if (ids.empty()) return;
  const std::string t = to_rfc3339_utc(now);
  db.transaction([&] {
    auto st = db.prepare(
        "UPDATE outbox SET state='sent', sent_at=?, last_error=NULL, next_attempt_at=NULL WHERE id=? "
        "AND state IN ('in_flight','pending')");
    for (const auto& id : ids) {
      st.bind(1, t).bind(2, id);
      st.run();
      st.reset();
    }
  });
}

void quarantine(Database& db, const std::string& id, const std::string& reason) {
  db.transaction([&] {
    db.prepare("UPDATE outbox SET state='quarantined', last_error=? WHERE id=? AND state<>'sent'")
        .bind(1, reason)
        .bind(2, id)
        .run();
  });
}

void release(Database& db, const std::vector<std::string>& ids, std::optional<TimePoint> next_attempt,
             const std::string& error) {
  if (ids.empty()) return;
  db.transaction([&] {
    auto st = db.prepare(
        "UPDATE outbox SET state='pending', batch_id=NULL, next_attempt_at=?, last_error=? WHERE id=? "
        "AND state='in_flight'");
    for (const auto& id : ids) {
      if (next_attempt) st.bind(1, to_rfc3339_utc(*next_attempt)); else st.bind_null(1);
      if (error.empty()) st.bind_null(2); else st.bind(2, error);
      st.bind(3, id);
      st.run();
      st.reset();
    }
  });
}

void defer(Database& db, const std::vector<std::string>& ids, TimePoint next_attempt, const std::string& error) {
  if (ids.empty()) return;
  const std::string t = to_rfc3339_utc(next_attempt);
  db.transaction([&] {
    auto st = db.prepare("UPDATE outbox SET next_attempt_at=?, last_error=? WHERE id=? AND state='in_flight'");
    for (const auto& id : ids) {
      st.bind(1, t).bind(2, error).bind(3, id);
      st.run();
      st.reset();
    }
  });
}

std::optional<TimePoint> next_due(Database& db) {
  auto st = db.prepare(
      "SELECT count(*), min(coalesce(next_attempt_at, '')) FROM outbox WHERE state IN ('pending','in_flight')");
  st.step();
  if (st.integer(0) == 0) return std::nullopt;
  std::string t = st.text(1);
  TimePoint tp{};
  if (t.empty() || !parse_rfc3339_utc(t, tp)) return TimePoint{};
  return tp;
}

int64_t purge_sent_payloads(Database& db, TimePoint before) {
  int64_t n = 0;
  db.transaction([&] {
    db.prepare("UPDATE outbox SET payload=NULL WHERE state='sent' AND payload IS NOT NULL AND sent_at < ?")
        .bind(1, to_rfc3339_utc(before))
        .run();
    n = db.changes();
  });
  return n;
}

}  // namespace shubbak::store
