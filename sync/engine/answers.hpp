// What the upstream says, read without trusting it: the answer to a batch, a refusal's reason, a catalogue's
// signature. Pure functions (no network, no store): the engine acts on them, the fuzzers hammer them.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace shubbak::sync {

struct RecordAck {
  enum Status { Stored, Rejected, Other } status = Other;  // "stored" and "duplicate" are both Stored
  std::string id;
  std::string reason;  // for Rejected, at most 200 bytes
};

// The answer to POST /v1/records. nullopt unless it is JSON (by content type) with a "results" array: a login
// page or anything else delivers nothing. Items that are not {id: string, status: ...} are skipped.
std::optional<std::vector<RecordAck>> parse_records_answer(const std::string& content_type, const std::string& body);

// The "error" of a 400 answer, at most 200 bytes, or a plain default.
std::string refusal_reason(const std::string& body);

// True if `signature_b64` is a valid Ed25519 signature of `body` by `public_key_b64`.
bool catalogue_signature_ok(const std::string& body, const std::string& signature_b64,
                            const std::string& public_key_b64);

}  // namespace shubbak::sync
