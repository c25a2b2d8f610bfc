#include "tests/national/fleet.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <sstream>
#include <thread>

#include "store/database.hpp"

namespace shubbak::testing {

Fleet::Fleet(const fs::path& dir, const Hub& hub, int kiosks, int registrations, int batch, bool format3)
    : dir_(dir), kiosks_(kiosks) {
  for (int i = 1; i <= kiosks; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "kiosk-%02d", i);
    make_hub_sync_config(cfg(i), hub, name, format3,
                         "batch_max_records = " + std::to_string(batch) + "\ninterval_seconds = 1\n");
    Result r = run({bin("shubbak-admin"), "--data", data(i).string(), "--config", cfg(i).string(), "seed",
                    "--registrations", std::to_string(registrations)});
    if (r.exit_code != 0) throw std::runtime_error("seed failed: " + r.err);
    total_ += 2 * registrations;
  }
}

void Fleet::start_syncing() {
  for (int i = 1; i <= kiosks_; ++i)
    syncs_.push_back(std::make_unique<Process>(spawn({bin("shubbak-sync"), "--data", data(i).string(), "--config",
                                                      cfg(i).string(), "--backoff-cap", "2"})));
}

void Fleet::stop_syncing() {
  for (auto& p : syncs_) p->stop(SIGTERM);
  syncs_.clear();
}

std::set<std::string> Fleet::outbox_ids() const {
  std::set<std::string> ids;
  for (int i = 1; i <= kiosks_; ++i) {
    auto db = store::Database::open((data(i) / "shubbak.db").string());
    auto st = db.prepare("SELECT id FROM outbox");
    while (st.step()) ids.insert(st.text(0));
  }
  return ids;
}

int64_t Fleet::unsent() const {
  int64_t n = 0;
  for (int i = 1; i <= kiosks_; ++i) {
    auto db = store::Database::open((data(i) / "shubbak.db").string());
    n += db.scalar("SELECT count(*) FROM outbox WHERE state <> 'sent'");
  }
  return n;
}

bool wait_for_count(const Hub& hub, const std::string& sql, int64_t n, int seconds, const std::string& conninfo) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  int64_t last = -1;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      last = std::stoll(hub.psql(sql, conninfo));
      if (last >= n) return true;
    } catch (const std::exception&) {  // the database restarting: ask again
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // polling a condition, with a deadline
  }
  std::fprintf(stderr, "waited %d s for %s >= %lld; last %lld\n", seconds, sql.c_str(), static_cast<long long>(n),
               static_cast<long long>(last));
  return false;
}

std::set<std::string> stored_ids(const Hub& hub, const std::string& conninfo) {
  std::set<std::string> ids;
  std::istringstream in(hub.psql("SELECT id FROM records", conninfo));
  int64_t rows = 0;
  for (std::string id; std::getline(in, id);) ids.insert(id), ++rows;
  EXPECT_EQ(rows, static_cast<int64_t>(ids.size())) << "an id stored twice";
  // One fact row per record, no more (a replayed batch must not add facts).
  EXPECT_EQ(std::stoll(hub.psql("SELECT (SELECT count(*) FROM registrations) + (SELECT count(*) FROM ticket_events) + "
                                "(SELECT count(*) FROM consent_changes) + (SELECT count(*) FROM appointment_events) + "
                                "(SELECT count(*) FROM referral_events) + (SELECT count(*) FROM milestones)",
                                conninfo)),
            rows);
  return ids;
}

}  // namespace shubbak::testing
