#include "sync/app/options.hpp"

#include <cstdlib>

namespace shubbak::sync_app {

const char* const kUsage =
    "usage: shubbak-sync --data DIR --config DIR [--once] [--upstream URL] [--ca-file PEM]\n"
    "                    [--pin sha256//BASE64[;sha256//BASE64]] [--token-file FILE]\n"
    "                    [--client-cert PEM --client-key PEM] [--seal-key BASE64] [--backoff-cap SECONDS]\n"
    "                    [--max-failures N] [--log-level LEVEL]\n"
    "benchmark only:     [--batch-max-records N] [--fresh-connections] [--request-deadline SECONDS]\n";

namespace {

int number(const std::string& flag, const std::string& v) {
  char* end = nullptr;
  long n = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end || n < 0 || n > 86400) throw UsageError(flag + " must be a number from 0 to 86400");
  return static_cast<int>(n);
}

// A flag that takes a text value: where it goes, or nullptr.
std::string* text_flag(Options& o, const std::string& a) {
  if (a == "--data") return &o.data;
  if (a == "--config") return &o.config;
  if (a == "--upstream") return &o.upstream;
  if (a == "--ca-file") return &o.ca_file;
  if (a == "--pin") return &o.pins;
  if (a == "--token-file") return &o.token_file;
  if (a == "--client-cert") return &o.client_cert;
  if (a == "--client-key") return &o.client_key;
  if (a == "--seal-key") return &o.seal_key;
  if (a == "--log-level") return &o.log_level;
  return nullptr;
}

int* number_flag(Options& o, const std::string& a) {
  if (a == "--backoff-cap") return &o.backoff_cap;
  if (a == "--max-failures") return &o.max_failures;
  if (a == "--batch-max-records") return &o.batch_max_records;
  if (a == "--request-deadline") return &o.request_deadline;
  return nullptr;
}

}  // namespace

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageError(a + " needs a value");
      return argv[++i];
    };
    if (a == "--once") o.once = true;
    else if (a == "--fresh-connections") o.fresh_connections = true;
    else if (a == "--help" || a == "-h") o.help = true;
    else if (std::string* t = text_flag(o, a)) *t = value();
    else if (int* n = number_flag(o, a)) *n = number(a, value());
    else throw UsageError("unknown option " + a);
  }
  return o;
}

}  // namespace shubbak::sync_app
