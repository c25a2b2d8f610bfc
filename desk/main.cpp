// shubbak-desk: the staff console for the desks' browsers on the centre's LAN.
#include <signal.h>

#include <cstdio>
#include <iostream>

#include "common/exit_codes.hpp"
#include "common/log.hpp"
#include "desk/args.hpp"
#include "desk/desk_app.hpp"
#include "desk/desk_limits.hpp"
#include "desk/watcher.hpp"
#include "store/database.hpp"

using namespace shubbak;

static int serve(desk::DeskApp& app) {
  // SIGTERM and SIGINT are taken by sigwait below: blocked before any thread starts, so every thread inherits it.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  http::Metrics metrics({"/", "/signin", "/console", "/console/live", "/events", "/call-next", "/served"},
                        desk::limits::kWorkers);
  http::Server server(app.server_options(), [&app](const http::Request& r) { return app.handle(r); }, metrics);
  server.start(app.options().listen);
  desk::Watcher watcher(app.options().data_dir, app.config().settings.tuning.data_version_poll_ms,
                        desk::limits::kIdleTickSeconds, [&server] { server.wake(); },
                        [&app, &server] {
                          app.tick();
                          server.wake();  // a signed-out session's live request learns it now
                        });
  // The tests and scripts/demo read this line to learn where it listens.
  std::printf("listening on %s\n", server.address().c_str());
  std::fflush(stdout);
  log::info("desk console on " + server.address());
  int sig = 0;
  sigwait(&stop_signals, &sig);
  log::info(std::string("stopping (") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") + ")");
  watcher.stop();
  server.stop(5);
  return exit_code::kOk;
}

int main(int argc, char** argv) {
  log::set_program("shubbak-desk");
  std::string error;
  auto args = desk::parse_args(argc, argv, error);
  if (!args) {
    if (!error.empty()) std::cerr << "shubbak-desk: " << error << "\n";
    std::cerr << desk::kUsage;
    return exit_code::kUsage;
  }
  log::Level level;
  if (!log::parse_level(args->log_level, level)) {
    std::cerr << "shubbak-desk: --log-level is error, warn, info or debug\n" << desk::kUsage;
    return exit_code::kUsage;
  }
  log::set_level(level);
  try {
    desk::DeskApp app(args->desk);
    return serve(app);
  } catch (const ConfigError& e) {
    log::error(e.what());
    return exit_code::kConfig;
  } catch (const store::StoreError& e) {
    log::error(std::string("the data store cannot be used (") + store::fault_name(e.fault) + "): " + e.what());
    return exit_code::kStore;
  } catch (const std::exception& e) {
    log::error(e.what());
    return exit_code::kUnexpected;
  }
}
