// What a receiver asks of PostgreSQL (docs/national.md, "Storage"). One ReceiverStore per worker thread, each with
// its own connection (a libpq connection string or URI: "host=a,b port=1,2 target_session_attrs=read-write" works).
// A lost connection is reconnected on the next call; the call that lost it throws DatabaseUnavailable (the
// receiver answers 503 with Retry-After and the kiosk sends the same batch again).
#pragma once
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "upstream/intake/batch.hpp"
#include "upstream/intake/record.hpp"
#include "upstream/pg/connection.hpp"  // kReceiverStatementTimeoutSeconds
#include "upstream/pg/errors.hpp"  // DatabaseUnavailable, DatabaseError

namespace shubbak::upstream::pg {

struct TokenOwner {
  std::string kiosk_id, centre_id;
};

struct RecordOutcome {
  enum class Status { Stored, Duplicate, Rejected } status = Status::Stored;
  std::string id, reason;  // reason: for Rejected
  bool conflict = false;   // Duplicate whose content differs from the stored record's (logged, counted)
};

struct PreparedBatch {
  std::vector<intake::OpenedRecord> opened;
  std::vector<RecordOutcome> rejected;  // Status::Rejected, with reasons
};

struct BatchAnswer {
  std::string json;       // {"results":[...]} in the batch's order
  bool replayed = false;  // an earlier answer to the same (kiosk, Idempotency-Key)
  int stored = 0, duplicate = 0, rejected = 0, conflict = 0;
};

class ReceiverStore {
 public:
  // Every statement is cancelled after `statement_timeout_seconds` (a lock held elsewhere, a database too slow):
  // DatabaseUnavailable, which the kiosk is told as 503 with Retry-After, never a request that hangs.
  explicit ReceiverStore(std::string conninfo, int statement_timeout_seconds = kReceiverStatementTimeoutSeconds);
  ~ReceiverStore();
  ReceiverStore(const ReceiverStore&) = delete;
  ReceiverStore& operator=(const ReceiverStore&) = delete;

  // The kiosk and centre a bearer token was made for (only its SHA-256 is stored); nullopt if unknown or revoked.
  std::optional<TokenOwner> token_owner(const std::string& token);

  // One transaction: an advisory lock on (kiosk, key) so that the same batch reaching two receivers at once is
  // answered once; the earlier answer if there is one (prepare is not called); else prepare() opens the records,
  // they are inserted with ON CONFLICT DO NOTHING (records, facts, identities), conflicts logged, and the answer
  // is stored before the commit. A deadlock between receivers inserting overlapping batches (ids are inserted in
  // sorted order, so it is rare) is retried. A replayed answer counts nothing (stored, duplicate... are 0).
  BatchAnswer receive_batch(const TokenOwner& who, const std::string& idempotency_key,
                            const std::function<PreparedBatch()>& prepare);

  // The kiosk's health (last seen, backlog, free disk, version, last success), one row per kiosk.
  void record_heartbeat(const TokenOwner& who, const intake::Heartbeat& beat);

  // Deletes the idempotency answers older than `days` (a kiosk repeats a key within hours; a batch repeated after
  // its answer is gone is answered again, its records `duplicate`, which confirms them just the same). Returns how
  // many were deleted.
  int purge_answers(int days);

  // Benchmark baseline only (scripts/bench national): one INSERT and one COMMIT per record.
  void set_naive(bool on) { naive_ = on; }
  bool connected() const;
  // Runs "SELECT 1", connecting again if needed: true if the database answers (GET /healthz).
  bool healthy();

 private:
  struct Impl;
  Impl* impl_;
  bool naive_ = false;
};

}  // namespace shubbak::upstream::pg
