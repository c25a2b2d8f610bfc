// Records for the dashboard tests, stored through the receivers' own path (ReceiverStore::receive_batch: the
// batch statement, ON CONFLICT DO NOTHING, one transaction a batch), so that the triggers see what they will see in
// the field. Times are UTC; "2026-11-30T09:00:00Z" is 10:00 in Casablanca.
#pragma once
#include <string>
#include <vector>

#include "upstream/intake/record.hpp"
#include "upstream/pg/receiver_store.hpp"

namespace shubbak::testing {

using upstream::intake::OpenedRecord;

// One record of each kind, with a fresh UUIDv4 id (visitor and ticket ids are the caller's).
OpenedRecord ticket_event(const std::string& centre, const std::string& ticket, const std::string& event,
                          const std::string& service, const std::string& at, const std::string& outcome = "");
OpenedRecord registration(const std::string& centre, const std::string& visitor, const std::string& person_key,
                          const std::string& service, const std::string& at);
OpenedRecord milestone(const std::string& centre, const std::string& visitor, const std::string& milestone,
                       const std::string& at);
OpenedRecord appointment(const std::string& centre, const std::string& appointment, const std::string& event,
                         const std::string& service, const std::string& at);
OpenedRecord referral(const std::string& centre, const std::string& referral, const std::string& event,
                      const std::string& from_service, const std::string& at);

// A visitor's UUIDv4 from a readable name ("v1"), the same each time (a UUIDv4 is kept as it is). registration()
// and milestone() apply it to their visitor.
std::string visitor_uuid(const std::string& name);

// "2026-11-30T09:MM:SSZ" plus `minutes` (any number of minutes, whole days included).
std::string utc(const std::string& day, int minutes_after_nine);

// Stores records as one batch of the centre's kiosk "k-" + centre (a fresh Idempotency-Key each time); returns how
// many were stored (not duplicate).
int store_batch(upstream::pg::ReceiverStore& st, const std::vector<OpenedRecord>& records);

}  // namespace shubbak::testing
