// A batch's opened records as the parameters of ONE insert statement (text arrays unnested by PostgreSQL):
// records, facts and identities of every record that is new, in one round trip, whatever the batch's size.
#pragma once
#include <string>
#include <vector>

#include "upstream/intake/record.hpp"
#include "upstream/pg/connection.hpp"
#include "upstream/pg/receiver_store.hpp"

namespace shubbak::upstream::pg {

// The statement: $1..$37 arrays (one element per record), $38 kiosk_id, $39 centre_id. Returns the ids stored
// (those not returned were already there).
extern const char* kInsertRecordsSql;

// Parameters for kInsertRecordsSql from `records` (each already checked by check_storable).
std::vector<Param> insert_params(const std::vector<const intake::OpenedRecord*>& records, const TokenOwner& who);

// Why a record cannot be stored as it is (empty: it can): an id that is not a UUID, a created_at that is not RFC
// 3339 UTC, a NUL in a field, an accompaniment record whose words or times its table's CHECKs would refuse. Checked here too so that one bad record cannot make PostgreSQL refuse the whole batch.
std::string check_storable(const intake::OpenedRecord& r);

// "2026-11-29T09:10:02Z" (optional fraction): well formed and a real date and time.
bool is_utc_timestamp(const std::string& s);

// A PostgreSQL array literal of text elements ({"a","b",NULL}); nullopt elements are NULL.
std::string array_literal(const std::vector<Param>& elements);

// The id as PostgreSQL prints a uuid (lower case), to match returned ids to the batch's.
std::string canonical_id(const std::string& id);

}  // namespace shubbak::upstream::pg
