// Opened records made directly for the PostgreSQL tests (what RecordOpener would give), with the canary woman's
// identity sealed to a registry key the test holds: crypto_box_seal(zlib(JSON), registry public key).
#pragma once
#include <string>
#include <vector>

#include "store/seal.hpp"
#include "upstream/intake/record.hpp"
#include "upstream/pg/receiver_store.hpp"

namespace shubbak::testing {

inline const char* kCanaryName = "Canary Fatima Zahra";
inline const char* kCanaryPhone = "0611223344";
inline const char* kCanaryCin = "ZX998877";

std::string record_id(int i);  // a fixed UUIDv4 per index
store::Bytes seal_identity(const std::string& json, const store::Bytes& registry_public);
// Registration for even i, ticket event for odd i; `variant` changes its content (and so its digest).
upstream::intake::OpenedRecord opened_record(int i, const store::Bytes& registry_public,
                                             const std::string& variant = "");
// Records first..first+count-1 as a prepared batch.
upstream::pg::PreparedBatch prepared(int first, int count, const store::Bytes& registry_public,
                                     const std::string& variant = "");

inline const upstream::pg::TokenOwner kKiosk{"kiosk-01", "centre-casa-01"};

}  // namespace shubbak::testing
