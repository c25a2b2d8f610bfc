// shubbak-sync: the only process of the product that talks to the network.
//   shubbak-sync --data DIR --config DIR [--once] [--upstream URL] [--ca-file PEM] [--pin sha256//...[;sha256//...]]
//                [--token-file FILE] [--client-cert PEM --client-key PEM] [--seal-key BASE64] [--backoff-cap SECONDS]
// Exit codes (common/exit_codes.hpp): 0 done or stopped by SIGTERM, 1 --once gave up or the upstream stopped it,
// 2 usage, 3 configuration, 4 data store, 5 anything else.
#include <cstdio>
#include <cstdlib>

#include "common/centre_settings.hpp"
#include "common/config_file.hpp"
#include "common/exit_codes.hpp"
#include "common/log.hpp"
#include "store/database.hpp"
#include "sync/app/daemon.hpp"
#include "sync/app/options.hpp"
#include "sync/app/signals.hpp"
#include "sync/app/token_file.hpp"

namespace {

using namespace shubbak;
using namespace shubbak::sync_app;

// centre.conf, read by the one loader every process uses; the flags override its [sync]. Throws ConfigError or
// UsageError.
Settings load_settings(const Options& o) {
  const std::string conf = o.config + "/centre.conf";
  Settings settings = Settings::load(conf);
  SyncSettings& ss = settings.sync;
  if (!o.upstream.empty()) ss.upstream = o.upstream;
  if (!o.ca_file.empty()) ss.ca_file = o.ca_file;
  if (!o.pins.empty()) ss.pins = o.pins;
  if (!o.token_file.empty()) ss.token_file = o.token_file;
  if (!o.client_cert.empty()) ss.client_cert = o.client_cert;
  if (!o.client_key.empty()) ss.client_key = o.client_key;
  if (!o.seal_key.empty()) ss.seal_public_key = o.seal_key, ss.seal_key_where = {"--seal-key", 0};
  // Records are sealed by the kiosk when written; here the key is only checked, so a typo is caught at once.
  ss.require_seal_key();
  if (o.backoff_cap >= 0) ss.backoff_cap_seconds = std::max(1, o.backoff_cap);
  if (o.batch_max_records > 0) ss.batch_max_records = o.batch_max_records;
  if (ss.upstream.empty()) throw ConfigError(conf, 0, "[sync] upstream", "missing: where to send (https://...)");
  if (ss.upstream.rfind("https://", 0) != 0) {
    const std::string why = "the upstream must start with https:// (records never travel unencrypted)";
    if (!o.upstream.empty()) throw UsageError(why);
    throw ConfigError(conf, 0, "[sync] upstream", why);
  }
  if (ss.token_file.empty()) throw ConfigError(conf, 0, "[sync] token_file", "missing: the file with this kiosk's token");
  return settings;
}

void apply_log_level(const Options& o) {
  if (o.log_level.empty()) return;
  log::Level l;
  if (!log::parse_level(o.log_level, l)) throw UsageError("--log-level must be error, warn, info or debug");
  log::set_level(l);
}

int run(int argc, char** argv) {
  Options o = parse_options(argc, argv);
  if (o.help) {
    std::fputs(kUsage, stdout);
    return exit_code::kOk;
  }
  apply_log_level(o);
  block_quit_signals();
  Settings settings = load_settings(o);
  const std::string token = read_token(settings.sync.token_file);
  Daemon daemon(o, settings, token);
  return daemon.run();
}

}  // namespace

int main(int argc, char** argv) {
  log::set_program("shubbak-sync");
  try {
    return run(argc, argv);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "shubbak-sync: %s\n%s", e.what(), kUsage);
    return exit_code::kUsage;
  } catch (const ConfigError& e) {
    log::error(std::string("configuration error: ") + e.what());
    return exit_code::kConfig;
  } catch (const store::StoreError& e) {
    log::error(std::string("data store error (") + store::fault_name(e.fault) + "): " + e.what());
    return exit_code::kStore;
  } catch (const std::exception& e) {
    log::error(std::string("unexpected error: ") + e.what());
    return exit_code::kUnexpected;
  }
}
