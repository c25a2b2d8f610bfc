// What the daemon does besides sending records, each on its own timer: the hourly purges (old payloads, personal
// details), and the extras (heartbeat, signed catalogue) once per interval while the link works.
#pragma once
#include <chrono>
#include <string>

#include "common/sync_settings.hpp"
#include "common/time_zone.hpp"
#include "store/database.hpp"
#include "sync/engine/engine.hpp"
#include "sync/transport/https_client.hpp"

namespace shubbak::sync_app {

class PurgeTimer {
 public:
  // The end of the day for personal details is the centre's midnight (`zone`).
  PurgeTimer(store::Database& db, const SyncSettings& ss, const TimeZone& zone) : db_(db), ss_(ss), zone_(zone) {}
  // Purges if the last purge is an hour old (the first call always does).
  void maybe_run();

 private:
  static constexpr std::chrono::hours kEvery{1};
  store::Database& db_;
  const SyncSettings& ss_;
  const TimeZone& zone_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now() - kEvery * 2;
};

class Extras {
 public:
  Extras(store::Database& db, transport::HttpsClient& http, const sync::EngineConfig& ec, const SyncSettings& ss,
         std::string data_dir, std::string catalogue_file)
      : db_(db), http_(http), ec_(ec), ss_(ss), data_dir_(std::move(data_dir)),
        catalogue_file_(std::move(catalogue_file)) {}
  // Once per interval: say we are alive, and look for a new signed catalogue.
  void maybe_run();

 private:
  store::Database& db_;
  transport::HttpsClient& http_;
  const sync::EngineConfig& ec_;
  const SyncSettings& ss_;
  std::string data_dir_, catalogue_file_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now() - std::chrono::hours(1);
};

}  // namespace shubbak::sync_app
