// The [sync] section of centre.conf: read by the kiosk (the sealing key) and by shubbak-sync (everything).
#pragma once
#include <string>
#include <utility>

#include "common/config_file.hpp"

namespace shubbak {

struct SyncSettings {
  std::string seal_public_key;    // base64 X25519: personal data is sealed to it when written
  std::string upstream;           // https://host[:port] (no trailing /v1)
  // Paths below are as read from centre.conf, resolved against its folder.
  std::string ca_file;            // PEM bundle that verifies the upstream
  std::string pins;               // optional: sha256//BASE64[;sha256//BASE64] (a backup pin allowed)
  std::string token_file;         // file holding the bearer token (mode 0600)
  std::string client_cert, client_key;  // optional mutual TLS
  std::string signing_public_key;  // base64 Ed25519: verifies catalogues from upstream
  int interval_seconds = 60;       // send at least this often
  int batch_max_records = 500;
  int batch_max_kib = 512;
  int backoff_cap_seconds = 300;
  int retention_days = 30;         // sent payloads are deleted after this; counts stay
  int details_kept_days = 0;       // clear-text personal details: purged at the end of the day they were last
                                   // used plus this many days, once their sealed copy is sent (0: that night)
  int connect_timeout_seconds = 10;
  int low_speed_seconds = 30;      // abort a transfer that moves under 10 bytes/s for this long

  // Format 3 (docs/sync-protocol.md): identities sealed at the kiosk to the registry key, women counted by a
  // keyed hash made with the national key. Both or neither (one alone is a configuration error).
  std::string registry_public_key;  // base64 X25519 of the offline registry
  std::string national_key_file;    // file holding the base64 32-byte national key (mode 0600)

  std::pair<std::string, int> seal_key_where;  // file and line, for the message
  std::pair<std::string, int> registry_key_where, national_key_where;

  // True when the kiosk writes format 3 (both keys given).
  bool writes_format3() const { return !registry_public_key.empty(); }

  // The one check of the sealing key (the kiosk and the sync need it; status works before it is provisioned).
  // Throws ConfigError naming the file and line.
  void require_seal_key() const;

  // Reads [sync] of doc (other sections are left to their readers). Throws ConfigError.
  static SyncSettings from_section(const ConfigDocument& doc, const ConfigSection& sec);
};

}  // namespace shubbak
