// The daemon's loop: one engine round, then either straight on (a batch was delivered), or the housekeeping and a
// wait until the next due time, new records from the kiosk, or SIGTERM. With --once it ends when nothing is left
// (0) or when it gives up or is stopped by the upstream (1).
#pragma once
#include <optional>
#include <string>

#include "common/centre_settings.hpp"
#include "store/database.hpp"
#include "sync/app/housekeeping.hpp"
#include "sync/app/options.hpp"
#include "sync/engine/engine.hpp"
#include "sync/transport/https_client.hpp"

namespace shubbak::sync_app {

class Daemon {
 public:
  // `settings.sync` already carries the flags' overrides; `token` is this kiosk's bearer token.
  Daemon(const Options& o, const Settings& settings, const std::string& token);
  // Returns the exit code.
  int run();

 private:
  void on_delivered(const sync::RoundResult& r);
  // After a round that delivered nothing: the exit code if --once is over, else nullopt.
  std::optional<int> after_round(const sync::RoundResult& r);
  // Sleeps until the next attempt; true if SIGTERM/SIGINT arrived.
  bool wait(const sync::RoundResult& r);
  std::string traffic() const;

  const Options& o_;
  const SyncSettings& ss_;
  store::Database db_;
  transport::HttpsClient http_;
  sync::EngineConfig ec_;
  sync::Engine engine_;
  PurgeTimer purge_;
  Extras extras_;
  int failures_ = 0;  // failed attempts in a row, for --once's --max-failures
  int64_t seen_version_ = 0;
};

}  // namespace shubbak::sync_app
