// What a kiosk's outbox holds after a day of visits, made up for the load generator: per visit one registration
// and four ticket events (issued, called, served, then a recall, transfer or no-show of a queue), the JSON exactly
// as kiosk/store writes it (docs/sync-protocol.md, "Record payloads"), sealed as the kiosk seals it. The visitors
// are invented (no real name, phone or CIN).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/seal.hpp"

namespace shubbak::loadgen {

struct KioskIdentity {
  std::string kiosk_id, centre_id, token;
};

// One outbox row as the daemon sends it: id, kind, created_at, schema and the sealed payload in base64.
struct SealedRecord {
  std::string id;
  const char* kind = "ticket_event";
  std::string created_at;
  std::string sealed_base64;
};

// The record JSON before sealing (format 2: identity inside, in clear).
struct PlainRecord {
  const char* kind = "ticket_event";
  std::string created_at;
  std::string json;
};

// Record `i` (0-based) of a kiosk's backlog; visit i/5, `start` the first visit's time (a visit a minute).
PlainRecord plain_record(const KioskIdentity& k, int i, TimePoint start);

// Seals plain records the way the kiosk does for one format. Format 2: store::Sealer of the whole JSON.
class RecordSealer {
 public:
  virtual ~RecordSealer() = default;
  virtual store::Bytes seal(const PlainRecord& r) = 0;
};

struct SealKeys {
  int format = 2;
  std::string seal_public_key;      // base64
  std::string registry_public_key;  // base64, format 3
  std::string national_key_base64;  // format 3
};

// Throws std::invalid_argument with words if a key is unusable or the format is not available.
std::unique_ptr<RecordSealer> make_sealer(const SealKeys& keys);

// A kiosk's whole backlog, sealed: `count` records.
std::vector<SealedRecord> seal_backlog(const KioskIdentity& k, int count, TimePoint start, RecordSealer& sealer);

}  // namespace shubbak::loadgen
