// Many kiosks of one test, each with its own data and config folders pointed at a hub, seeded with registrations,
// syncing with real shubbak-sync daemons; and what the national side holds afterwards.
#pragma once
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tests/integration/helpers.hpp"
#include "tests/national/hub_fixture.hpp"

namespace shubbak::testing {

class Fleet {
 public:
  // `kiosks` kiosks named kiosk-01…, `registrations` each (two records apiece: registration + ticket issued),
  // batches of `batch` records (small: many commits to interrupt).
  Fleet(const fs::path& dir, const Hub& hub, int kiosks, int registrations, int batch, bool format3 = false);
  int64_t records() const { return total_; }  // how many the fleet must deliver
  void start_syncing();                        // one shubbak-sync daemon per kiosk
  void stop_syncing();                         // SIGTERM, reaped
  // Every record id in every kiosk's outbox, and how many are not yet sent.
  std::set<std::string> outbox_ids() const;
  int64_t unsent() const;
  fs::path data(int i) const { return dir_ / ("k" + std::to_string(i)) / "data"; }
  fs::path cfg(int i) const { return dir_ / ("k" + std::to_string(i)) / "cfg"; }

 private:
  fs::path dir_;
  int kiosks_;
  int64_t total_ = 0;
  std::vector<std::unique_ptr<Process>> syncs_;
};

// Waits (polling, with a deadline) until `sql` on the hub gives at least `n`; false at the deadline.
bool wait_for_count(const Hub& hub, const std::string& sql, int64_t n, int seconds, const std::string& conninfo = "");

// Every id the national side stored, checking that each is there once and has exactly one fact row.
std::set<std::string> stored_ids(const Hub& hub, const std::string& conninfo = "");

}  // namespace shubbak::testing
