// shubbak-upstream dashboard --db URI --listen HOST:PORT|unix:PATH [--audit-db URI] [--catalog FILE] [--assets DIR]
//                            [--idle-seconds N] [--session-seconds N] [--signins-per-minute N]
// The ministry's dashboard (docs/dashboard.md): plain HTTP behind nginx (TLS is nginx's), read-only on --db (a hot
// standby will do), accounts and audit on --audit-db (the primary; default: --db). SIGTERM or SIGINT: stops
// accepting, finishes the requests in progress, exits 0.
#include <signal.h>
#include <sodium.h>

#include <cstdio>
#include <string>

#include "common/config_file.hpp"
#include "common/exit_codes.hpp"
#include "common/log.hpp"
#include "http/server.hpp"
#include "upstream/app/args.hpp"
#include "upstream/dashboard_web/dashboard_app.hpp"
#include "upstream/pg/migrations.hpp"

namespace shubbak::upstream::app {

namespace {

constexpr const char* kInstalledCatalogue = "/etc/shubbak/upstream/catalog.conf";

// --idle-seconds N / --session-seconds N (from 1 second to a day), --signins-per-minute N.
int seconds_flag(const Args& a, const std::string& flag, int fallback) {
  if (!a.has(flag)) return fallback;
  int n = -1;
  try {
    n = std::stoi(a.get(flag));
  } catch (const std::exception&) {
  }
  if (n < 1 || n > 24 * 3600) usage_error(flag + " needs a number of seconds from 1 to 86400");
  return n;
}

}  // namespace

int cmd_dashboard(const Args& a) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  dashboard_web::DashboardOptions o;
  o.db = a.need("--db");
  o.audit_db = a.get("--audit-db");
  o.catalog = a.get("--catalog", kInstalledCatalogue);
  o.assets_dir = a.get("--assets");
  o.idle_seconds = seconds_flag(a, "--idle-seconds", o.idle_seconds);
  o.session_seconds = seconds_flag(a, "--session-seconds", o.session_seconds);
  o.signins_per_minute = seconds_flag(a, "--signins-per-minute", o.signins_per_minute);
  const std::string listen = a.need("--listen");
  {  // the schema is this build's (on the figures' database; a standby has the primary's)
    pg::Connection c(o.db);
    pg::require_schema(c);
  }
  std::optional<dashboard_web::DashboardApp> app;
  try {
    app.emplace(o);
  } catch (const ConfigError& e) {
    log::error(std::string("the dashboard needs the centre catalogue (which services are sensitive): ") + e.what());
    return exit_code::kConfig;
  } catch (const std::runtime_error& e) {
    log::error(e.what());
    return exit_code::kConfig;
  }
  sigset_t stop_signals;  // taken by sigwait below: blocked before any thread starts
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  http::ServerOptions opt = app->server_options();
  http::Metrics metrics({"/", "/centres", "/signin"}, opt.workers);
  http::Server server(opt, [&app](const http::Request& r) { return app->handle(r); }, metrics);
  server.start(listen);
  std::printf("listening on %s\n", server.address().c_str());  // scripts/hub and the tests read this line
  std::fflush(stdout);
  log::info("dashboard on " + server.address());
  int sig = 0;
  sigwait(&stop_signals, &sig);
  log::info(std::string("stopping (") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") + ")");
  server.stop();
  return exit_code::kOk;
}

}  // namespace shubbak::upstream::app
