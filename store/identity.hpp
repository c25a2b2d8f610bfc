// What identifies a woman, kept out of the national server's clear text (docs/sync-protocol.md, format 3).
// Shared by the kiosk (writes format 3), the receivers (re-seal formats 1 and 2) and `shubbak-upstream export
// --identities` (opens with the offline registry key):
// - her identity (name, phone, CIN, birth year; a staff note) is sealed to the registry public key:
//   crypto_box_seal(zlib(JSON)); only the registry secret opens it;
// - unique women are counted by person_key: keyed BLAKE2b-256 (the 32-byte national key) of "cin:CIN", else
//   "phone:0XXXXXXXXX", else "visitor:UUID";
// - her age goes out as a band ("25-34"), never as a birth year.
#pragma once
#include <optional>
#include <string>

#include "common/sync_settings.hpp"
#include "store/seal.hpp"

namespace shubbak::store {

// "0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", or "unknown" (no birth year, or one that gives an
// age under 0 or over 120).
std::string age_band(int birth_year, int created_at_year);
// The same from text as records carry it: "1990" (or empty), an RFC 3339 time whose first four digits are the year.
std::string age_band(const std::string& birth_year, const std::string& created_at);
// True for one of the eight bands above.
bool is_age_band(const std::string& s);

// Digits only, in the national form with the leading 0: "+212 6 12 34 56 78", "00212612345678" -> "0612345678".
std::string normalise_phone(const std::string& phone);
// Upper case, letters and digits only: "ab 123456" -> "AB123456".
std::string normalise_cin(const std::string& cin);
// The text hashed into person_key: "cin:…" if she gave a CIN, else "phone:…", else "visitor:…".
std::string person_identifier(const std::string& cin, const std::string& phone, const std::string& visitor_id);
// base64 of crypto_generichash (32 bytes) of person_identifier keyed with the national key (32 bytes; throws
// std::invalid_argument otherwise).
std::string person_key(const Bytes& national_key, const std::string& cin, const std::string& phone,
                       const std::string& visitor_id);

// crypto_box_seal(zlib(json)) to the registry public key (32 bytes; throws std::invalid_argument otherwise).
Bytes seal_identity(const std::string& json, const Bytes& registry_public);
// Opens what seal_identity made with the registry key pair; nullopt if not for this key, damaged, or inflating
// past max_inflated.
std::optional<std::string> open_identity(const Bytes& sealed, const KeyPair& registry,
                                         size_t max_inflated = 64u << 10);

// A key file as keygen writes it: base64 of 32 bytes and a newline, mode 0600. Throws std::runtime_error with
// words naming the file: missing, unreadable, readable by other users, or not a 32-byte base64 key.
Bytes read_key_file(const std::string& path);

// What a kiosk needs to write format 3: both keys of [sync] (registry_public_key, national_key_file).
struct IdentityKeys {
  Bytes registry_public;  // 32 bytes
  Bytes national_key;     // 32 bytes
};

// nullopt when [sync] has neither key (format 2). Reads the national key file; throws ConfigError naming
// centre.conf's line of national_key_file when it cannot be used.
std::optional<IdentityKeys> load_identity_keys(const SyncSettings& sync);

}  // namespace shubbak::store
