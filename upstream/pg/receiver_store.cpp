#include "upstream/pg/receiver_store.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "common/log.hpp"
#include "upstream/pg/batch_rows.hpp"
#include "upstream/pg/connection.hpp"
#include "upstream/pg/tokens.hpp"

namespace shubbak::upstream::pg {

namespace {

using Status = RecordOutcome::Status;

constexpr int kDeadlockAttempts = 3;

// A batch being stored: the outcome of each opened record, in the batch's order.
struct Work {
  const std::vector<intake::OpenedRecord>& opened;
  std::vector<RecordOutcome> outcomes;
  std::vector<size_t> fresh;      // indexes of the records to insert (first of their id in the batch)
  std::vector<size_t> repeated;   // indexes whose id came earlier in the same batch
};

std::string lock_key(const TokenOwner& who, const std::string& key) { return who.kiosk_id + "\x1f" + key; }

std::optional<std::string> find_answer(Connection& c, const TokenOwner& who, const std::string& key) {
  Result r = c.exec("SELECT answer FROM answers WHERE kiosk_id = $1 AND idempotency_key = $2", {who.kiosk_id, key});
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, 0);
}

void save_answer(Connection& c, const TokenOwner& who, const std::string& key, const std::string& answer) {
  c.exec("INSERT INTO answers(kiosk_id, idempotency_key, answer) VALUES($1, $2, $3) ON CONFLICT DO NOTHING",
         {who.kiosk_id, key, answer});
}

Work classify(const std::vector<intake::OpenedRecord>& opened) {
  Work w{opened, {}, {}, {}};
  std::set<std::string> seen;
  for (size_t i = 0; i < opened.size(); ++i) {
    RecordOutcome o;
    o.id = opened[i].id;
    o.reason = check_storable(opened[i]);
    if (!o.reason.empty()) o.status = Status::Rejected;
    else if (!seen.insert(canonical_id(o.id)).second) w.repeated.push_back(i);
    else w.fresh.push_back(i);
    w.outcomes.push_back(std::move(o));
  }
  // The same order in every receiver: two overlapping batches lock their rows in the same order (no deadlock).
  std::vector<std::pair<std::string, size_t>> keyed;  // each id lower-cased once, not at every comparison
  for (size_t i : w.fresh) keyed.emplace_back(canonical_id(opened[i].id), i);
  std::sort(keyed.begin(), keyed.end());
  for (size_t k = 0; k < keyed.size(); ++k) w.fresh[k] = keyed[k].second;
  return w;
}

std::set<std::string> insert(Connection& c, const TokenOwner& who, const Work& w, const std::vector<size_t>& which) {
  std::vector<const intake::OpenedRecord*> rows;
  for (size_t i : which) rows.push_back(&w.opened[i]);
  std::set<std::string> stored;
  if (rows.empty()) return stored;
  Result r = c.exec_prepared("insert_records", kInsertRecordsSql, insert_params(rows, who));
  for (int i = 0; i < r.rows(); ++i) stored.insert(r.text(i, 0));
  return stored;
}

// Every record not stored now is a duplicate; one whose digest differs from the stored one is also a conflict.
void mark_duplicates(Connection& c, const TokenOwner& who, Work& w, const std::set<std::string>& stored) {
  std::vector<size_t> dup = w.repeated;
  for (size_t i : w.fresh)
    if (!stored.count(canonical_id(w.opened[i].id))) dup.push_back(i);
  for (size_t i : w.fresh)
    if (stored.count(canonical_id(w.opened[i].id))) w.outcomes[i].status = Status::Stored;
  if (dup.empty()) return;
  std::vector<Param> ids;
  for (size_t i : dup) ids.push_back(canonical_id(w.opened[i].id));
  Result r = c.exec("SELECT id::text, digest FROM records WHERE id = ANY($1::uuid[])", {array_literal(ids)});
  std::map<std::string, std::vector<uint8_t>> digest;
  for (int i = 0; i < r.rows(); ++i) digest[r.text(i, 0)] = r.bytes(i, 1);
  std::vector<Param> cid, stored_d, sent_d;
  for (size_t i : dup) {
    RecordOutcome& o = w.outcomes[i];
    o.status = Status::Duplicate;
    const auto& mine = w.opened[i].digest;
    auto it = digest.find(canonical_id(o.id));
    if (it == digest.end() || std::equal(mine.begin(), mine.end(), it->second.begin(), it->second.end())) continue;
    o.conflict = true;
    cid.push_back(canonical_id(o.id));
    stored_d.push_back(bytea_param(it->second));
    sent_d.push_back(bytea_param(mine));
  }
  if (cid.empty()) return;
  c.exec("INSERT INTO conflicts(record_id, kiosk_id, centre_id, stored_digest, sent_digest) "
         "SELECT id, $4, $5, s, n FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) AS t(id, s, n)",
         {array_literal(cid), array_literal(stored_d), array_literal(sent_d), who.kiosk_id, who.centre_id});
}

const char* status_name(Status s) {
  return s == Status::Stored ? "stored" : s == Status::Duplicate ? "duplicate" : "rejected";
}

BatchAnswer answer_for(const std::vector<RecordOutcome>& opened, const std::vector<RecordOutcome>& rejected) {
  BatchAnswer a;
  nlohmann::json results = nlohmann::json::array();
  for (const auto* list : {&opened, &rejected})
    for (const RecordOutcome& o : *list) {
      nlohmann::json r = {{"id", o.id}, {"status", status_name(o.status)}};
      if (o.status == Status::Rejected) r["reason"] = o.reason;
      results.push_back(std::move(r));
      a.stored += o.status == Status::Stored;
      a.duplicate += o.status == Status::Duplicate;
      a.rejected += o.status == Status::Rejected;
      a.conflict += o.conflict;
    }
  a.json = nlohmann::json{{"results", results}}.dump();
  return a;
}

// Conflicts are logged once committed, with ids only (no content: it may be personal).
void log_conflicts(const TokenOwner& who, const std::vector<std::string>& ids) {
  for (const std::string& id : ids)
    log::warn("record " + id + " from kiosk " + who.kiosk_id +
              " reused with different content: answered duplicate, the first kept (see table conflicts)");
}

// `conflicts`: the ids reused with different content (to log after the commit).
BatchAnswer store_batch(Connection& c, const TokenOwner& who, const PreparedBatch& p, bool naive,
                        std::vector<std::string>& conflicts) {
  Work w = classify(p.opened);
  std::set<std::string> stored;
  if (!naive) stored = insert(c, who, w, w.fresh);
  else
    for (size_t i : w.fresh) stored.merge(insert(c, who, w, {i}));  // autocommit: one INSERT, one COMMIT each
  mark_duplicates(c, who, w, stored);
  for (const RecordOutcome& o : w.outcomes)
    if (o.conflict) conflicts.push_back(o.id);
  return answer_for(w.outcomes, p.rejected);
}

BatchAnswer replayed(std::string json) {
  BatchAnswer a;
  a.json = std::move(json);
  a.replayed = true;
  return a;
}

}  // namespace

struct ReceiverStore::Impl {
  std::string conninfo;
  int statement_timeout_seconds;
  std::unique_ptr<Connection> conn;

  Connection& get() {
    if (!conn || !conn->ok()) {
      conn.reset();
      conn = std::make_unique<Connection>(conninfo);
      conn->exec("SET statement_timeout = '" + std::to_string(statement_timeout_seconds) + "s'");
    }
    return *conn;
  }
  // Runs f on a live connection; a lost one is dropped so that the next call connects again.
  template <class F>
  auto run(F&& f) {
    try {
      return f(get());
    } catch (const DatabaseUnavailable&) {
      conn.reset();
      throw;
    }
  }
};

ReceiverStore::ReceiverStore(std::string conninfo, int statement_timeout_seconds)
    : impl_(new Impl{std::move(conninfo), statement_timeout_seconds, nullptr}) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  try {
    impl_->get();
  } catch (const DatabaseUnavailable&) {
    // Not yet: every call tries again (a receiver may start before its database).
  }
}

ReceiverStore::~ReceiverStore() { delete impl_; }

bool ReceiverStore::connected() const { return impl_->conn && impl_->conn->ok(); }

bool ReceiverStore::healthy() {
  try {
    return impl_->run([](Connection& c) { return c.exec("SELECT 1").rows() == 1; });
  } catch (const DatabaseUnavailable&) {
    return false;
  }
}

int ReceiverStore::purge_answers(int days) {
  return impl_->run([&](Connection& c) {
    return c.exec("WITH gone AS (DELETE FROM answers WHERE at < now() - make_interval(days => $1::int) RETURNING 1) "
                  "SELECT count(*) FROM gone",
                  {std::to_string(days)})
        .integer(0, 0);
  });
}

std::optional<TokenOwner> ReceiverStore::token_owner(const std::string& token) {
  return impl_->run([&](Connection& c) { return find_token(c, token); });
}

BatchAnswer ReceiverStore::receive_batch(const TokenOwner& who, const std::string& idempotency_key,
                                         const std::function<PreparedBatch()>& prepare) {
  std::optional<PreparedBatch> prepared;
  const bool naive = naive_;
  return impl_->run([&](Connection& c) {
    for (int attempt = 1;; ++attempt) {
      try {
        if (naive) {  // a session lock: each record commits on its own
          c.exec("SELECT pg_advisory_lock(hashtextextended($1, 0))", {lock_key(who, idempotency_key)});
          struct Unlock {
            Connection& c;
            std::string k;
            ~Unlock() {
              if (c.ok()) try {
                  c.exec("SELECT pg_advisory_unlock(hashtextextended($1, 0))", {k});
                } catch (...) {
                }
            }
          } unlock{c, lock_key(who, idempotency_key)};
          if (auto earlier = find_answer(c, who, idempotency_key)) return replayed(*earlier);
          if (!prepared) prepared = prepare();
          std::vector<std::string> conflicts;
          BatchAnswer a = store_batch(c, who, *prepared, true, conflicts);
          save_answer(c, who, idempotency_key, a.json);
          log_conflicts(who, conflicts);
          return a;
        }
        Transaction tx(c);
        c.exec("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", {lock_key(who, idempotency_key)});
        if (auto earlier = find_answer(c, who, idempotency_key)) {
          tx.commit();
          return replayed(*earlier);
        }
        if (!prepared) prepared = prepare();
        std::vector<std::string> conflicts;
        BatchAnswer a = store_batch(c, who, *prepared, false, conflicts);
        save_answer(c, who, idempotency_key, a.json);
        tx.commit();
        log_conflicts(who, conflicts);
        return a;
      } catch (const DatabaseError& e) {
        if (!e.retryable() || attempt >= kDeadlockAttempts) throw;
        log::warn(std::string("batch retried after ") + e.what());
      }
    }
  });
}

void ReceiverStore::record_heartbeat(const TokenOwner& who, const intake::Heartbeat& beat) {
  Param last = is_utc_timestamp(beat.last_success_at) ? Param(beat.last_success_at) : Param();
  impl_->run([&](Connection& c) {
    c.exec("INSERT INTO kiosk_health(kiosk_id, centre_id, last_seen, pending, last_success_at, free_disk_bytes, "
           "version) VALUES($1, $2, now(), $3, $4, $5, $6) ON CONFLICT (kiosk_id) DO UPDATE SET "
           "centre_id = EXCLUDED.centre_id, last_seen = EXCLUDED.last_seen, pending = EXCLUDED.pending, "
           "last_success_at = EXCLUDED.last_success_at, free_disk_bytes = EXCLUDED.free_disk_bytes, "
           "version = EXCLUDED.version",
           {who.kiosk_id, who.centre_id, std::to_string(beat.pending), last, std::to_string(beat.free_disk_bytes),
            beat.version});
    return 0;
  });
}

}  // namespace shubbak::upstream::pg
