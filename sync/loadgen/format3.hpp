// Format 3 sealing for the load generator (docs/national.md, "Record format 3"): the registration's identity
// (name, phone, CIN, birth year) sealed to the registry key at the kiosk, a person_key keyed with the national key,
// an age band; the whole in format 2's box with first byte 0x03.
#pragma once
#include <memory>

#include "sync/loadgen/payloads.hpp"

namespace shubbak::loadgen {

// Throws std::invalid_argument with words if a key is not a base64 32-byte key.
std::unique_ptr<RecordSealer> make_format3_sealer(const SealKeys& keys);

}  // namespace shubbak::loadgen
