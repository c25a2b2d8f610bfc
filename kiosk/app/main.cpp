// shubbak-kiosk: the visitor kiosk (and, with --role display, the now-serving display). The staff console is
// shubbak-desk, in the browser.
// Exit codes: common/exit_codes.hpp (docs/exit-codes.md).
#include <cstdio>

#include "common/config_file.hpp"
#include "common/exit_codes.hpp"
#include "common/log.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/script.hpp"
#include "common/i18n.hpp"
#include "kiosk/platform/window.hpp"
#include "kiosk/text/fonts.hpp"
#include "store/database.hpp"

int main(int argc, char** argv) {
  using namespace shubbak;
  log::set_program("shubbak-kiosk");
  try {
    app::Options opt = app::parse_options(argc, argv);
    if (opt.help) {
      std::fputs(app::usage(), stdout);
      return exit_code::kOk;
    }
    if (!opt.log_level.empty()) {
      log::Level l;
      if (!log::parse_level(opt.log_level, l)) throw app::UsageError("--log-level must be error, warn, info or debug");
      log::set_level(l);
    }
    app::KioskApp kiosk(opt);
    return kiosk.run();
  } catch (const app::UsageError& e) {
    std::fprintf(stderr, "shubbak-kiosk: %s\n%s", e.what(), app::usage());
    return exit_code::kUsage;
  } catch (const app::ScriptError& e) {  // the --script file given on the command line
    log::error(std::string("script error: ") + e.what());
    return exit_code::kUsage;
  } catch (const ConfigError& e) {
    log::error(std::string("configuration error: ") + e.what());
    return exit_code::kConfig;
  } catch (const PoError& e) {  // an installed file is missing or wrong, as a configuration file can be
    log::error(std::string("translation catalogue error: ") + e.what());
    return exit_code::kConfig;
  } catch (const text::FontError& e) {
    log::error(e.what());
    return exit_code::kConfig;
  } catch (const store::StoreError& e) {
    log::error(std::string("cannot use the data store (") + store::fault_name(e.fault) + "): " + e.what());
    return exit_code::kStore;
  } catch (const platform::PlatformError& e) {
    log::error(e.what());
    return exit_code::kUnexpected;
  } catch (const std::exception& e) {
    log::error(std::string("unexpected error: ") + e.what());
    return exit_code::kUnexpected;
  }
}
