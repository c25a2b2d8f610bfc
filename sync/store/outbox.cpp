#include "outbox.hpp"

#include "uuid.hpp"

namespace shubbak::store {

std::string append_outbox(Database& db, const Sealer& sealer, const std::string& kind, const std::string& json,
                          const std::string& created_at) {
  std::string id = new_uuid_v4();
  Bytes sealed = sealer.seal(json);
  db.prepare("INSERT INTO outbox(id, kind, created_at, payload, payload_size) VALUES(?,?,?,?,?)")
      .bind(1, id)
      .bind(2, kind)
      .bind(3, created_at)
      .bind_blob(4, sealed)
      .bind(5, static_cast<int64_t>(sealed.size()))
      .run();
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

}  // namespace shubbak::store
