#include "sync/loadgen/batch.hpp"

#include <nlohmann/json.hpp>

#include "store/uuid.hpp"
#include "sync/transport/https_client.hpp"

namespace shubbak::loadgen {

using nlohmann::json;

OutgoingBatch build_batch(const KioskIdentity& k, const std::vector<SealedRecord>& backlog,
                          std::vector<size_t>& pending, int max_records, size_t max_bytes) {
  OutgoingBatch b;
  b.key = store::new_uuid_v4();
  json body = {{"kiosk_id", k.kiosk_id},
               {"centre_id", k.centre_id},
               {"batch_id", b.key},
               {"sent_at", to_rfc3339_utc(std::chrono::system_clock::now())},
               {"records", json::array()}};
  auto& recs = body["records"];
  size_t bytes = 0, taken = 0;
  for (; taken < pending.size() && static_cast<int>(taken) < max_records; ++taken) {
    const SealedRecord& r = backlog[pending[taken]];
    const size_t cost = r.sealed_base64.size() + 200;  // as store::claim_batch counts
    if (taken > 0 && bytes + cost > max_bytes) break;
    bytes += cost;
    b.records.push_back(pending[taken]);
    recs.push_back({{"id", r.id}, {"kind", r.kind}, {"created_at", r.created_at}, {"schema", 1},
                    {"sealed", r.sealed_base64}});
  }
  pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(taken));
  b.body = body.dump();
  if (auto z = transport::gzip_if_smaller(b.body)) {  // as the kiosk does
    b.body = std::move(*z);
    b.gzipped = true;
  }
  return b;
}

}  // namespace shubbak::loadgen
