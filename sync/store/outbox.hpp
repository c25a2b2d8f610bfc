// The transactional outbox: what must reach upstream, written in the same transaction as the data it carries.
#pragma once
#include <cstdint>
#include <string>

#include "database.hpp"
#include "seal.hpp"

namespace shubbak::store {

struct OutboxCounts {
  int64_t pending = 0, in_flight = 0, sent = 0, quarantined = 0;
};

// Appends one sealed record; call inside the transaction that writes the data. Returns the record id (UUIDv4).
std::string append_outbox(Database& db, const Sealer& sealer, const std::string& kind, const std::string& json,
                          const std::string& created_at);

OutboxCounts outbox_counts(Database& db);

}  // namespace shubbak::store
