// `shubbak-upstream export`: every record as one JSON line (ids, kiosk, centre, kind, created_at, received_at,
// format, facts), in arrival order, streamed with a cursor from one snapshot (fit for 10 M rows). With identities,
// each record's identity is opened with the offline registry key and an identity_exports row (who, when, how many,
// why) is committed BEFORE the first line is written; its outcome (opened, failed) is added at the end.
#pragma once
#include <functional>
#include <string>

#include "store/seal.hpp"

namespace shubbak::upstream::pg {

struct ExportOptions {
  bool identities = false;
  store::KeyPair registry;  // with identities
  std::string os_user, reason;
};

struct ExportSummary {
  long long records = 0;
  long long opened = 0;  // identities opened
  long long failed = 0;  // identities that could not be opened with the registry key
};

// Calls `line` with each JSON line (no newline). Throws DatabaseUnavailable / DatabaseError.
ExportSummary export_records(const std::string& conninfo, const ExportOptions& options,
                             const std::function<void(const std::string&)>& line);

// "2026-11-29 09:10:02.5+00" (PostgreSQL in UTC) as "2026-11-29T09:10:02.5Z".
std::string rfc3339_from_pg(std::string s);

}  // namespace shubbak::upstream::pg
