// What `shubbak-upstream serve` answers (docs/sync-protocol.md, docs/national.md): POST /v1/records,
// POST /v1/heartbeat, GET /v1/catalog, GET /healthz (GET /metrics is the HTTP server's own). Runs on the server's
// worker threads, each with its own PostgreSQL connection (made on first use).
#pragma once
#include <atomic>
#include <string>

#include "upstream/app/serve_catalog.hpp"
#include "upstream/app/serve_keys.hpp"
#include "upstream/app/serve_tokens.hpp"
#include "http/metrics.hpp"
#include "http/refusal_log.hpp"
#include "http/server.hpp"
#include "upstream/pg/receiver_store.hpp"

namespace shubbak::upstream::app {

struct ServeConfig {
  std::string db;
  ServeKeys keys;
  SignedCatalog catalog;
  bool naive = false;
};

class Routes {
 public:
  Routes(ServeConfig config, http::Metrics& metrics) : cfg_(std::move(config)), metrics_(metrics) {}
  http::Reply operator()(const http::Request& req);

  static const std::vector<std::string>& paths();  // the routes, for the metrics' labels
  static size_t body_limit(const std::string& path);

 private:
  http::Reply with_one_retry(const http::Request& req);
  http::Reply route(const http::Request& req);
  http::Reply records(const http::Request& req);
  http::Reply heartbeat(const http::Request& req);
  http::Reply catalog(const http::Request& req);
  http::Reply healthz();
  // The token's owner; nullopt: refuse with 401.
  std::optional<pg::TokenOwner> authenticate(const http::Request& req);
  pg::PreparedBatch prepare(const intake::Batch& batch);
  // This worker thread's store, made on first use.
  pg::ReceiverStore& store();
  // Logged by `log_class` (fixed words: never text from the request) or, if null, by `words`.
  http::Reply refuse(int status, const std::string& words, const char* log_class = nullptr);

  ServeConfig cfg_;
  http::Metrics& metrics_;
  TokenCache tokens_;
  http::RefusalLog refusals_;
  std::atomic<int> next_slot_{0};
};

}  // namespace shubbak::upstream::app
