// shubbak-upstream serve --db URI --listen HOST:PORT|unix:PATH --keys KEYS [--catalog FILE] [--workers N] [--queue N] [--naive]
// One receiver: plain HTTP behind nginx, stateless (everything it keeps is in PostgreSQL), bounded by itself
// (http/server.hpp). SIGTERM or SIGINT: stops accepting, finishes the requests in progress, exits 0.
#include <signal.h>
#include <sodium.h>

#include <cstdio>
#include <optional>
#include <string>

#include "common/catalogue.hpp"
#include "common/config_file.hpp"
#include "common/exit_codes.hpp"
#include "common/log.hpp"
#include "upstream/app/args.hpp"
#include "upstream/app/aggregate_loop.hpp"
#include "upstream/app/answer_purge.hpp"
#include "upstream/app/serve_routes.hpp"
#include "http/server.hpp"
#include "upstream/server_options.hpp"

namespace shubbak::upstream::app {

namespace {

// --workers N or --queue N: a whole number from LOW to 256, the default when absent.
int count_flag(const Args& a, const std::string& flag, int fallback, int low) {
  const std::string w = a.get(flag, std::to_string(fallback));
  int n = -1;
  try {
    n = std::stoi(w);
  } catch (const std::exception&) {
  }
  if (n < low || n > 256) usage_error(flag + " needs a number from " + std::to_string(low) + " to 256");
  return n;
}

// The centres' window the aggregator moves to each new day (migration 6) leaves out the services the published
// catalogue marks sensitive. A receiver without a catalogue, or with one that breaks a rule, does not move it (its
// triggers still keep an existing window current, and the centres page sums the aggregates once it is a day old):
// a broken catalogue must not stop the records of every centre, and the kiosks refuse it themselves.
std::optional<pg::CentreWindow> centre_window_of(const SignedCatalog& published, const std::string& path) {
  if (path.empty()) {
    log::info("no --catalog: this receiver publishes no catalogue and does not move the dashboard's centres' window "
              "to a new day (give it the dashboard's catalogue)");
    return std::nullopt;
  }
  try {
    const Catalogue c = Catalogue::from_document(ConfigDocument::parse(published.body, path));
    return pg::CentreWindow{"", c.sensitive_service_ids()};
  } catch (const std::exception& e) {
    log::warn(std::string(e.what()) + " (the kiosks will refuse this catalogue and keep theirs; the dashboard's "
              "centres' window is not moved to a new day by this receiver)");
    return std::nullopt;
  }
}

}  // namespace

int cmd_serve(const Args& a) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  ServeConfig cfg;
  cfg.db = a.need("--db");
  const std::string db = cfg.db;
  const std::string listen = a.need("--listen");
  try {
    cfg.keys = load_serve_keys(a.need("--keys"));
    cfg.catalog = load_catalog(a.get("--catalog"), cfg.keys.sign_secret);
  } catch (const std::runtime_error& e) {
    log::error(e.what());
    return exit_code::kConfig;
  }
  const std::optional<pg::CentreWindow> window = centre_window_of(cfg.catalog, a.get("--catalog"));
  cfg.naive = a.has("--naive");
  http::ServerOptions opt = receiver_server_options();
  opt.workers = count_flag(a, "--workers", limits::kDefaultWorkers, 1);
  opt.max_queued = count_flag(a, "--queue", limits::kMaxQueuedRequests, 0);
  opt.body_limit = Routes::body_limit;

  // SIGTERM and SIGINT are taken by sigwait below: blocked before any thread starts, so every thread inherits it.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  http::Metrics metrics(Routes::paths(), opt.workers);
  Routes routes(std::move(cfg), metrics);
  http::Server server(opt, [&routes](const http::Request& r) { return routes(r); }, metrics);
  server.start(listen);
  AnswerPurge purge(db);         // housekeeping beside the requests, with its own connection
  AggregateLoop aggregate(db, window);  // the dashboard's aggregates (one receiver at a time counts them)
  // scripts/hub and the tests read this line to learn where it listens.
  std::printf("listening on %s\n", server.address().c_str());
  std::fflush(stdout);
  log::info("receiving on " + server.address() + " with " + std::to_string(opt.workers) + " workers" +
            (a.has("--naive") ? " (naive: one INSERT and one COMMIT per record)" : ""));
  int sig = 0;
  sigwait(&stop_signals, &sig);
  log::info(std::string("stopping (") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") +
            "): finishing the requests in progress");
  server.stop();
  log::info("stopped");
  return exit_code::kOk;
}

}  // namespace shubbak::upstream::app
