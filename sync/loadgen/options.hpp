// shubbak-loadgen's command line (docs/performance.md, "National ingest"): how many kiosks, how big a backlog,
// where the hub is and which keys its records are sealed to.
#pragma once
#include <stdexcept>
#include <string>

namespace shubbak::loadgen {

extern const char* const kUsage;

// A flag or argument is wrong (exit 2, the usage is printed).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string url;                  // https://HOST:PORT (nginx)
  std::string ca_file;              // the hub's CA
  std::string seal_public_key;      // base64, the receivers' sealing key
  std::string tokens_file;          // one kiosk a line: KIOSK_ID CENTRE_ID TOKEN
  int kiosks = 0;                   // 0: one per line of tokens_file
  int backlog = 100;                // records per kiosk
  int format = 2;                   // sealed payload format: 2, or 3 (identity sealed at the kiosk)
  std::string registry_public_key;  // format 3: base64
  std::string national_key_file;    // format 3: a file holding the base64 32-byte key
  int deadline_seconds = 600;       // the whole run; records not confirmed by then: exit 1
  int backoff_base_seconds = 2;     // as the daemon (sync/engine): full jitter from base * 2^failures ...
  int backoff_cap_seconds = 30;     // ... capped (the daemon caps at 300 s; a benchmark cannot wait that long)
  int max_records = 500;            // batch bounds, as the daemon's defaults
  size_t max_bytes = 512 * 1024;
  int seal_threads = 2;             // threads sealing the backlogs before the clock starts
  // Each kiosk opens its connection (TCP, TLS) before the clock starts, as kiosks spread over the country each
  // open theirs on their own CPU; --cold opens them all inside the clock (one process doing 300 TLS set-ups at
  // once measures its own OpenSSL more than the server: docs/performance.md, "National ingest").
  bool cold = false;
  bool help = false;
};

// Throws UsageError.
Options parse_options(int argc, char** argv);

}  // namespace shubbak::loadgen
