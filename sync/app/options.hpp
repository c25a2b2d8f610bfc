// shubbak-sync's command line: what the flags say, before centre.conf is read.
#pragma once
#include <stdexcept>
#include <string>

namespace shubbak::sync_app {

extern const char* const kUsage;

// A flag or argument is wrong (exit 2, the usage is printed).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string data = "data", config = "config/demo";
  bool once = false;
  bool help = false;
  std::string upstream, ca_file, pins, token_file, client_cert, client_key, seal_key, log_level;
  int backoff_cap = -1;
  int max_failures = 8;  // --once: give up after this many failed attempts in a row
  // Benchmark and test only.
  int batch_max_records = -1;
  int request_deadline = -1;  // seconds for a whole request (default: transport::kRequestDeadlineSeconds)
  bool fresh_connections = false;
};

// Throws UsageError.
Options parse_options(int argc, char** argv);

}  // namespace shubbak::sync_app
