// The rows a drain of N records leaves in PostgreSQL (records, registrations, ticket_events, identities), made up
// as COPY text (one buffer per table) for the COPY baseline of scripts/bench national: one registration per four
// ticket events, field sizes as the receiver writes them (docs/performance.md, "National ingest").
#pragma once
#include <cstdint>
#include <string>

namespace shubbak::upstream::bench {

struct CopyRows {
  std::string records, registrations, ticket_events, identities;  // COPY ... FROM STDIN text format
  int64_t record_count = 0;
};

// `count` records from `kiosks` kiosks (ids load-0001 ... as shubbak-loadgen names them).
CopyRows make_copy_rows(int64_t count, int kiosks);

// The column lists the buffers follow, per table.
extern const char* const kRecordsColumns;
extern const char* const kRegistrationsColumns;
extern const char* const kTicketEventsColumns;
extern const char* const kIdentitiesColumns;

}  // namespace shubbak::upstream::bench
