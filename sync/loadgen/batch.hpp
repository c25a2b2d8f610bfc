// A batch as shubbak-sync builds it (sync/engine/engine.cpp): at most max_records records and about max_bytes of
// base64 payloads, a new UUIDv4 as batch_id and Idempotency-Key, gzip when it makes the body 10% smaller.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "sync/loadgen/payloads.hpp"

namespace shubbak::loadgen {

struct OutgoingBatch {
  std::string key;                // batch_id and Idempotency-Key
  std::vector<size_t> records;    // indices into the kiosk's backlog
  std::string body;               // exactly what is sent (again, on a retry)
  bool gzipped = false;
};

// Takes records from the front of `pending` (indices into `backlog`) within the bounds (one record always goes)
// and removes them from it.
OutgoingBatch build_batch(const KioskIdentity& k, const std::vector<SealedRecord>& backlog,
                          std::vector<size_t>& pending, int max_records, size_t max_bytes);

}  // namespace shubbak::loadgen
