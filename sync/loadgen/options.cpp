#include "sync/loadgen/options.hpp"

#include <functional>
#include <map>

namespace shubbak::loadgen {

const char* const kUsage =
    "usage: shubbak-loadgen --url https://HOST:PORT --ca-file PEM --seal-public-key BASE64 --tokens FILE\n"
    "                       [--kiosks K] [--backlog B] [--format 2|3 --registry-public-key BASE64\n"
    "                       --national-key-file PATH] [--deadline SECONDS] [--backoff-base S] [--backoff-cap S]\n"
    "                       [--batch-max-records N] [--batch-max-kib N] [--seal-threads N] [--cold]\n"
    "Plays K kiosks at once, each sending a backlog of B sealed records as shubbak-sync does (batches, gzip,\n"
    "Idempotency-Key, retries with backoff). The tokens file has one kiosk a line: KIOSK_ID CENTRE_ID TOKEN.\n"
    "Prints records_per_s=... p50_ms=... p99_ms=... batches=... retries=... answers_503=... elapsed_s=...\n"
    "Exit 0 when every record was confirmed (stored or duplicate), 1 otherwise, 2 on a usage error.\n";

static int to_int(const std::string& flag, const std::string& v, int lo, int hi) {
  size_t used = 0;
  int n = 0;
  try {
    n = std::stoi(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != v.size() || n < lo || n > hi)
    throw UsageError(flag + " wants a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return n;
}

Options parse_options(int argc, char** argv) {
  Options o;
  using Set = std::function<void(const std::string&)>;
  const std::map<std::string, Set> flags = {
      {"--url", [&](const std::string& v) { o.url = v; }},
      {"--ca-file", [&](const std::string& v) { o.ca_file = v; }},
      {"--seal-public-key", [&](const std::string& v) { o.seal_public_key = v; }},
      {"--tokens", [&](const std::string& v) { o.tokens_file = v; }},
      {"--kiosks", [&](const std::string& v) { o.kiosks = to_int("--kiosks", v, 1, 100000); }},
      {"--backlog", [&](const std::string& v) { o.backlog = to_int("--backlog", v, 1, 10000000); }},
      {"--format", [&](const std::string& v) { o.format = to_int("--format", v, 2, 3); }},
      {"--registry-public-key", [&](const std::string& v) { o.registry_public_key = v; }},
      {"--national-key-file", [&](const std::string& v) { o.national_key_file = v; }},
      {"--deadline", [&](const std::string& v) { o.deadline_seconds = to_int("--deadline", v, 1, 86400); }},
      {"--backoff-base", [&](const std::string& v) { o.backoff_base_seconds = to_int("--backoff-base", v, 0, 3600); }},
      {"--backoff-cap", [&](const std::string& v) { o.backoff_cap_seconds = to_int("--backoff-cap", v, 0, 3600); }},
      {"--batch-max-records",
       [&](const std::string& v) { o.max_records = to_int("--batch-max-records", v, 1, 100000); }},
      {"--batch-max-kib", [&](const std::string& v) { o.max_bytes = 1024u * to_int("--batch-max-kib", v, 1, 65536); }},
      {"--seal-threads", [&](const std::string& v) { o.seal_threads = to_int("--seal-threads", v, 1, 64); }},
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      o.help = true;
      return o;
    }
    if (a == "--cold") {
      o.cold = true;
      continue;
    }
    auto f = flags.find(a);
    if (f == flags.end()) throw UsageError("unknown argument " + a);
    if (i + 1 >= argc) throw UsageError(a + " needs a value");
    f->second(argv[++i]);
  }
  if (o.url.empty() || o.seal_public_key.empty() || o.tokens_file.empty())
    throw UsageError("--url, --seal-public-key and --tokens are needed");
  if (o.format == 3 && (o.registry_public_key.empty() || o.national_key_file.empty()))
    throw UsageError("--format 3 needs --registry-public-key and --national-key-file");
  return o;
}

}  // namespace shubbak::loadgen
