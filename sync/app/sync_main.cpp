// shubbak-sync: the only process of the product that talks to the network.
//   shubbak-sync --data DIR --config DIR [--once] [--upstream URL] [--ca-file PEM] [--pin sha256//...[;sha256//...]]
//                [--token-file FILE] [--client-cert PEM --client-key PEM] [--seal-key BASE64] [--backoff-cap SECONDS]
#include <signal.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/centre_settings.hpp"
#include "common/config_file.hpp"
#include "store/data_dir.hpp"
#include "sync/engine/engine.hpp"
#include "sync/engine/extras.hpp"
#include "common/log.hpp"
#include "store/outbox.hpp"
#include "store/privacy.hpp"
#include "store/seal.hpp"
#include "common/sync_settings.hpp"

namespace {

using namespace shubbak;

const char* kUsage =
    "usage: shubbak-sync --data DIR --config DIR [--once] [--upstream URL] [--ca-file PEM]\n"
    "                    [--pin sha256//BASE64[;sha256//BASE64]] [--token-file FILE]\n"
    "                    [--client-cert PEM --client-key PEM] [--seal-key BASE64] [--backoff-cap SECONDS]\n"
    "                    [--max-failures N] [--log-level LEVEL]\n"
    "benchmark only:     [--batch-max-records N] [--fresh-connections]\n";

struct Options {
  std::string data = "data", config = "config/demo";
  bool once = false;
  std::string upstream, ca_file, pins, token_file, client_cert, client_key, seal_key, log_level;
  int backoff_cap = -1;
  int max_failures = 8;  // --once: give up after this many failed attempts in a row
  int batch_max_records = -1;
  bool fresh_connections = false;
};

[[noreturn]] void usage_error(const std::string& m) {
  std::fprintf(stderr, "shubbak-sync: %s\n%s", m.c_str(), kUsage);
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--data") o.data = value();
    else if (a == "--config") o.config = value();
    else if (a == "--once") o.once = true;
    else if (a == "--fresh-connections") o.fresh_connections = true;
    else if (a == "--upstream") o.upstream = value();
    else if (a == "--ca-file") o.ca_file = value();
    else if (a == "--pin") o.pins = value();
    else if (a == "--token-file") o.token_file = value();
    else if (a == "--client-cert") o.client_cert = value();
    else if (a == "--client-key") o.client_key = value();
    else if (a == "--seal-key") o.seal_key = value();
    else if (a == "--log-level") o.log_level = value();
    else if (a == "--backoff-cap" || a == "--max-failures" || a == "--batch-max-records") {
      std::string v = value();
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (*end || n < 0 || n > 86400) usage_error(a + " must be a number");
      (a == "--backoff-cap" ? o.backoff_cap : a == "--max-failures" ? o.max_failures : o.batch_max_records) =
          static_cast<int>(n);
    } else if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else usage_error("unknown option " + a);
  }
  return o;
}

std::string read_token(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot read the token file " + path);
  std::string t;
  std::getline(f, t);
  while (!t.empty() && (t.back() == '\r' || t.back() == ' ')) t.pop_back();
  if (t.empty()) throw std::runtime_error("the token file " + path + " is empty");
  return t;
}

sigset_t quit_signals() {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGTERM);
  sigaddset(&s, SIGINT);
  return s;
}

// Sleeps up to ms; true if SIGTERM/SIGINT arrived.
bool sleep_or_quit(long ms) {
  if (ms <= 0) return false;
  signal(SIGPIPE, SIG_IGN);  // a peer that hangs up must not kill the process
  sigset_t s = quit_signals();
  timespec ts{ms / 1000, (ms % 1000) * 1000000L};
  int sig = sigtimedwait(&s, nullptr, &ts);
  return sig == SIGTERM || sig == SIGINT;
}

long ms_until(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t - std::chrono::system_clock::now()).count();
}

}  // namespace

int main(int argc, char** argv) {
  log::set_program("shubbak-sync");
  Options o = parse(argc, argv);
  if (!o.log_level.empty()) {
    log::Level l;
    if (!log::parse_level(o.log_level, l)) usage_error("--log-level must be error, warn, info or debug");
    log::set_level(l);
  }
  sigset_t s = quit_signals();
  pthread_sigmask(SIG_BLOCK, &s, nullptr);
  try {
    // centre.conf, read by the one loader every process uses; the flags override it.
    const std::string conf = o.config + "/centre.conf";
    Settings settings = Settings::load(conf);
    SyncSettings& ss = settings.sync;
    const std::string &centre_id = settings.centre_id, &kiosk_id = settings.kiosk_id;
    // "The end of the day" for purging personal details is the centre's midnight.
    ::setenv("TZ", settings.timezone.c_str(), 1);
    ::tzset();
    if (!o.upstream.empty()) ss.upstream = o.upstream;
    if (!o.ca_file.empty()) ss.ca_file = o.ca_file;
    if (!o.pins.empty()) ss.pins = o.pins;
    if (!o.token_file.empty()) ss.token_file = o.token_file;
    if (!o.client_cert.empty()) ss.client_cert = o.client_cert;
    if (!o.client_key.empty()) ss.client_key = o.client_key;
    if (!o.seal_key.empty()) ss.seal_public_key = o.seal_key;
    // Records are sealed by the kiosk when written; here the key is only checked, so a typo is caught at once.
    if (!o.seal_key.empty()) ss.seal_key_where = {"--seal-key", 0};
    ss.require_seal_key();
    if (o.backoff_cap >= 0) ss.backoff_cap_seconds = std::max(1, o.backoff_cap);
    if (o.batch_max_records > 0) ss.batch_max_records = o.batch_max_records;
    if (ss.upstream.empty()) throw ConfigError(conf, 0, "[sync] upstream", "missing: where to send (https://...)");
    if (ss.upstream.rfind("https://", 0) != 0)
      usage_error("the upstream must start with https:// (records never travel unencrypted)");
    if (ss.token_file.empty())
      throw ConfigError(conf, 0, "[sync] token_file", "missing: the file with this kiosk's token");

    store::Database db = store::open_store(o.data);
    transport::HttpsClient http({ss.ca_file, ss.pins, ss.client_cert, ss.client_key},
                                {ss.connect_timeout_seconds, ss.low_speed_seconds, 300});
    http.set_fresh_connections(o.fresh_connections);
    auto traffic = [&] {
      return std::to_string(http.requests()) + " requests, " + std::to_string(http.bytes_sent()) + " bytes sent, " +
             std::to_string(http.bytes_received()) + " received";
    };
    sync::EngineConfig ec{ss.upstream,         read_token(ss.token_file), centre_id, kiosk_id, ss.batch_max_records,
                          static_cast<size_t>(ss.batch_max_kib) * 1024, 2, ss.backoff_cap_seconds};
    sync::Engine engine(db, http, ec, [] { return std::chrono::system_clock::now(); });
    engine.start();
    log::info("started: sending to " + ss.upstream + (o.once ? " until nothing is pending" : ""));

    // The catalogue file the kiosk reads (centre.conf's [centre] catalogue, default catalog.conf).
    const std::string& catalogue_file = settings.catalogue_file;
    auto last_extras = std::chrono::steady_clock::now() - std::chrono::hours(1);
    auto extras = [&] {
      // Once per interval, when the link works: say we are alive, and look for a new signed catalogue.
      if (std::chrono::steady_clock::now() - last_extras < std::chrono::seconds(ss.interval_seconds)) return;
      last_extras = std::chrono::steady_clock::now();
      sync::send_heartbeat(db, http, ec, o.data, SHUBBAK_VERSION);
      if (!ss.signing_public_key.empty())
        sync::fetch_catalogue(db, http, ec, ss.signing_public_key, catalogue_file);
    };

    int failures = 0;
    int64_t seen_version = db.data_version();
    auto last_purge = std::chrono::steady_clock::now() - std::chrono::hours(24);
    while (true) {
      sync::RoundResult r = engine.round();
      if (r.kind == sync::RoundResult::Delivered) {
        failures = 0;
        if (r.delivered || r.quarantined)
          log::info("delivered " + std::to_string(r.delivered) + " records" +
                    (r.quarantined ? ", set aside " + std::to_string(r.quarantined) : ""));
        continue;  // more may be due right away
      }
      if (r.kind == sync::RoundResult::Stopped) {
        std::fprintf(stderr, "shubbak-sync: stopped: %s\n", r.error_words.c_str());
        if (o.once) return 1;
      }
      if (r.failed) ++failures;
      if (r.kind == sync::RoundResult::Idle) {
        failures = 0;
        if (!o.once || !store::next_due(db)) extras();
        if (std::chrono::steady_clock::now() - last_purge > std::chrono::hours(1)) {
          int64_t n = store::purge_sent_payloads(db, std::chrono::system_clock::now() -
                                                         std::chrono::hours(24) * ss.retention_days);
          if (n) log::info("deleted the payloads of " + std::to_string(n) + " records sent long ago");
          store::PurgeResult p = store::purge_personal_details(db, std::chrono::system_clock::now(),
                                                                ss.details_kept_days);
          if (p.visitors || p.notes)
            log::info("purged the personal details of " + std::to_string(p.visitors) + " visitors and " +
                      std::to_string(p.notes) + " staff notes (their sealed copies are sent)");
          last_purge = std::chrono::steady_clock::now();
        }
      }
      auto due = store::next_due(db);
      if (o.once) {
        if (!due) {  // nothing pending or in flight: all delivered (or set aside)
          log::info("done: " + traffic());
          return 0;
        }
        if (failures >= o.max_failures) {
          store::OutboxCounts c = store::outbox_counts(db);
          std::fprintf(stderr, "shubbak-sync: giving up after %d failed attempts, %lld records still waiting: %s\n",
                       failures, static_cast<long long>(c.pending + c.in_flight), r.error_words.c_str());
          return 1;
        }
      }
      // Wait for the next due time (honouring backoff and Retry-After), or for new records from the kiosk.
      TimePoint wake = std::chrono::system_clock::now() + std::chrono::seconds(ss.interval_seconds);
      if (r.kind == sync::RoundResult::Retry) wake = r.next_attempt;
      else if (r.kind == sync::RoundResult::Stopped) wake = std::chrono::system_clock::now() + std::chrono::seconds(ss.backoff_cap_seconds);
      else if (due && *due < wake) wake = std::max(*due, std::chrono::system_clock::now());
      while (ms_until(wake) > 0) {
        if (sleep_or_quit(std::min<long>(ms_until(wake), 500))) {
          log::info("stopping");
          return 0;
        }
        int64_t v = db.data_version();
        if (v != seen_version && r.kind != sync::RoundResult::Retry && r.kind != sync::RoundResult::Stopped) {
          seen_version = v;
          auto d = store::next_due(db);
          if (d && *d <= std::chrono::system_clock::now()) break;  // a new record to send: go now
        }
        seen_version = v;
      }
    }
  } catch (const ConfigError& e) {
    log::error(std::string("configuration error: ") + e.what());
    return 2;
  } catch (const store::StoreError& e) {
    log::error(std::string("data store error (") + store::fault_name(e.fault) + "): " + e.what());
    return 3;
  } catch (const std::exception& e) {
    log::error(e.what());
    return 4;
  }
}
