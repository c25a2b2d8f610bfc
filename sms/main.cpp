// shubbak-sms: messages to her phone through the centre's own GSM modem (issue 18, docs/sms.md). It reads the store,
// writes gammu-smsd's files spool and records what gammu did; it opens no socket and blocks no other process (each
// write is one short transaction of its own).
//   shubbak-sms --data DIR --config DIR [--assets DIR] [--once] [--log-level error|warn|info|debug]
// Exit codes (common/exit_codes.hpp): 0 stopped by SIGTERM/SIGINT or --once done, 2 usage, 3 configuration (no
// [sms] section, a wrong key), 4 data store, 5 anything else (the spool cannot be written: logged).
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <ctime>
#include <string>

#include "common/centre_settings.hpp"
#include "common/exit_codes.hpp"
#include "common/install_paths.hpp"
#include "common/log.hpp"
#include "common/i18n.hpp"
#include "sms/gammu_log.hpp"
#include "sms/notifier.hpp"
#include "store/data_dir.hpp"

namespace {

using namespace shubbak;

constexpr const char* kUsage =
    "usage: shubbak-sms --data DIR --config DIR [--assets DIR] [--once] [--log-level error|warn|info|debug]\n";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string data = "data", config = "config/demo", assets = installed_or("assets", SHUBBAK_ASSETS_DIR);
  bool once = false;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageError(a + " needs a value");
      return argv[++i];
    };
    if (a == "--data") o.data = value();
    else if (a == "--config") o.config = value();
    else if (a == "--assets") o.assets = value();
    else if (a == "--once") o.once = true;
    else if (a == "--log-level") {
      log::Level l;
      if (!log::parse_level(value(), l)) throw UsageError("--log-level must be error, warn, info or debug");
      log::set_level(l);
    } else throw UsageError("unknown argument " + a);
  }
  return o;
}

bool sleep_or_quit(long ms) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGTERM);
  sigaddset(&s, SIGINT);
  timespec ts{ms / 1000, (ms % 1000) * 1000000L};
  const int sig = sigtimedwait(&s, nullptr, &ts);
  return sig == SIGTERM || sig == SIGINT;
}

int run(int argc, char** argv) {
  Options o = parse(argc, argv);
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGTERM);
  sigaddset(&s, SIGINT);
  pthread_sigmask(SIG_BLOCK, &s, nullptr);
  CentreConfig config = CentreConfig::load(o.config);
  if (!config.settings.sms.enabled)
    throw ConfigError(o.config + "/centre.conf", 0, "[sms]", "missing: this centre sends no SMS (docs/sms.md)");
  Translations tr = Translations::load(o.assets + "/i18n");
  store::Database db = store::open_store(o.data);
  SystemClock clock(config.settings.zone);
  sms::Notifier notifier(db, config, tr, clock);
  const std::string gammu_log = config.settings.sms.spool + "/gammu-smsd.log";
  log::info("sms: writing messages into " + config.settings.sms.spool + "/outbox");
  do {
    sms::launder_gammu_log(gammu_log);
    sms::RoundResult r;
    try {
      r = notifier.round();
    } catch (const store::StoreError&) {
      throw;
    } catch (const std::exception& e) {  // gammu's folder cannot be written: said, and tried again next round
      log::error(std::string("sms: ") + e.what());
      if (o.once) return exit_code::kUnexpected;
    }
    if (r.spooled || r.sent || r.failed || r.retried)
      log::info("sms: " + std::to_string(r.spooled) + " written, " + std::to_string(r.sent) + " sent, " +
                std::to_string(r.retried) + " to try again, " + std::to_string(r.failed) + " failed");
    if (o.once) break;
  } while (!sleep_or_quit(config.settings.sms.poll_ms));
  sms::launder_gammu_log(gammu_log);
  return exit_code::kOk;
}

}  // namespace

int main(int argc, char** argv) {
  log::set_program("shubbak-sms");
  try {
    return run(argc, argv);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "shubbak-sms: %s\n%s", e.what(), kUsage);
    return exit_code::kUsage;
  } catch (const ConfigError& e) {
    log::error(e.what());
    return exit_code::kConfig;
  } catch (const PoError& e) {
    log::error(e.what());
    return exit_code::kConfig;
  } catch (const store::StoreError& e) {
    log::error(std::string("the data store cannot be used: ") + e.what());
    return exit_code::kStore;
  } catch (const std::exception& e) {
    log::error(e.what());
    return exit_code::kUnexpected;
  }
}
