// shubbak-kiosk: the visitor kiosk (and, with --role, the counter console and the now-serving display).
#include <cstdio>

#include "common/config_file.hpp"
#include "store/database.hpp"
#include "kiosk/text/fonts.hpp"
#include "kiosk/core/i18n.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "common/log.hpp"
#include "kiosk/app/script.hpp"
#include "kiosk/platform/window.hpp"

int main(int argc, char** argv) {
  using namespace shubbak;
  log::set_program("shubbak-kiosk");
  try {
    app::Options opt = app::parse_options(argc, argv);
    if (opt.help) {
      std::fputs(app::usage(), stdout);
      return 0;
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
    return 2;
  } catch (const ConfigError& e) {
    log::error(std::string("configuration error: ") + e.what());
    return 2;
  } catch (const PoError& e) {
    log::error(std::string("translation catalogue error: ") + e.what());
    return 2;
  } catch (const app::ScriptError& e) {
    log::error(std::string("script error: ") + e.what());
    return 2;
  } catch (const text::FontError& e) {
    log::error(e.what());
    return 2;
  } catch (const store::StoreError& e) {
    log::error(std::string("cannot use the data store (") + store::fault_name(e.fault) + "): " + e.what());
    return 3;
  } catch (const platform::PlatformError& e) {
    log::error(e.what());
    return 4;
  } catch (const std::exception& e) {
    log::error(std::string("unexpected error: ") + e.what());
    return 5;
  }
}
