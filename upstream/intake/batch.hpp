// A batch and a heartbeat as they arrive (docs/sync-protocol.md), parsed with every bound of upstream/limits.hpp.
// Pure: no network, no database.
#pragma once
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace shubbak::upstream::intake {

struct IncomingRecord {
  std::string id, kind, created_at;
  int schema = 1;
  std::string sealed_base64;
};

struct Batch {
  std::string kiosk_id, centre_id, batch_id;
  std::vector<IncomingRecord> records;  // in the order sent; a record whose envelope is malformed keeps its id
                                        // (if any) and is rejected later by the opener
};

// Why a whole request is refused: HTTP status (400, 413) and the words for the body's "error".
struct Refusal {
  int status = 400;
  std::string error;
};

// Body already decoded (gzip undone). Over kBatchMaxRecords or kMaxJsonDepth, not JSON, no kiosk_id/centre_id/
// records: a Refusal. Parsing stops as soon as a bound is passed.
std::variant<Batch, Refusal> parse_batch(std::string_view body);

struct Heartbeat {
  std::string kiosk_id, centre_id, version;
  long long pending = 0, free_disk_bytes = 0;
  std::string last_success_at;  // RFC 3339 UTC, empty if null
};

// The documented shape exactly (six fields, their types, kMaxHeartbeatBytes); anything else is a Refusal.
std::variant<Heartbeat, Refusal> parse_heartbeat(std::string_view body);

// "2026-11-29T09:10:02Z" (RFC 3339 UTC, optional fraction): true if well formed and a real date and time.
bool is_rfc3339_utc(std::string_view s);

}  // namespace shubbak::upstream::intake
