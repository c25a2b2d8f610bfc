// The transactional outbox: what must reach upstream, written in the same transaction as the data it carries.
// States: pending -> in_flight (claimed into a batch) -> sent (acknowledged by id) | quarantined (rejected).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/database.hpp"
#include "store/seal.hpp"

namespace shubbak::store {

struct OutboxCounts {
  int64_t pending = 0, in_flight = 0, sent = 0, quarantined = 0;
};

struct OutboxRecord {
  std::string id, kind, created_at;
  int schema = 1;
  Bytes payload;
};

// Appends one sealed record; call inside the transaction that writes the data. Returns the record id (UUIDv4).
// `visitor_id` names the visitor whose personal details the record carries (her clear-text copy is kept until
// this record is sent).
std::string append_outbox(Database& db, Sealer& sealer, const std::string& kind, const std::string& json,
                          const std::string& created_at, const std::string& visitor_id = {});

OutboxCounts outbox_counts(Database& db);

// At start: a batch that was in flight when the process died is simply pending again (the upstream deduplicates
// by record id). Its next attempt time is kept.
int64_t reset_in_flight(Database& db);
// Claims the oldest due pending records (at most max_records and about max_bytes) as in flight in batch_id.
std::vector<OutboxRecord> claim_batch(Database& db, const std::string& batch_id, int max_records, size_t max_bytes,
                                      TimePoint now);
// Acknowledged by the upstream: sent.
void mark_sent(Database& db, const std::vector<std::string>& ids, TimePoint now);
// Rejected by the upstream: set aside with the reason, the rest keeps flowing.
void quarantine(Database& db, const std::string& id, const std::string& reason);
// Not acknowledged: pending again, not before `next_attempt`.
void release(Database& db, const std::vector<std::string>& ids, std::optional<TimePoint> next_attempt,
             const std::string& error);
// Keeps the batch in flight but records when it may be retried (survives a restart).
void defer(Database& db, const std::vector<std::string>& ids, TimePoint next_attempt, const std::string& error);
// The earliest time a pending record may be sent; nullopt if nothing is pending.
std::optional<TimePoint> next_due(Database& db);
// Deletes the payloads of records sent before `before` (secure_delete is on); the rows and counts stay.
int64_t purge_sent_payloads(Database& db, TimePoint before);

}  // namespace shubbak::store
