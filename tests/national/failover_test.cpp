// Failover on PostgreSQL's own replication: a primary and a synchronous hot standby; the primary killed mid-drain,
// the standby promoted; the receivers (one multi-host connection string) find it by themselves and the kiosks'
// retries land there. Every record arrives once, and none acknowledged before the kill is lost.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "tests/national/fleet.hpp"

namespace shubbak::testing {
namespace {

pid_t postmaster_pid(const fs::path& data) {
  std::string pid = read_file(data / "postmaster.pid");
  return static_cast<pid_t>(std::stol(pid.substr(0, pid.find('\n'))));
}

// The primary's machine gone: the postmaster and every backend of it killed at once (SIGKILL), as a power cut does.
int kill_cluster(pid_t postmaster) {
  std::vector<pid_t> victims = {postmaster};
  for (const auto& e : fs::directory_iterator("/proc")) {
    std::string stat = read_file(e.path() / "stat");
    size_t close = stat.rfind(')');
    if (close == std::string::npos) continue;
    int ppid = 0;
    if (std::sscanf(stat.c_str() + close + 2, "%*c %d", &ppid) == 1 && ppid == postmaster)
      victims.push_back(static_cast<pid_t>(std::stol(e.path().filename().string())));
  }
  for (pid_t p : victims) kill(p, SIGKILL);
  return static_cast<int>(victims.size());
}

TEST(Failover, ThePrimaryKilledMidDrainTheStandbyPromotedEveryRecordOnce) {
  TempDir t;
  Hub hub = Hub::up(t.path / "hub", 2, {"--standby"});
  ASSERT_FALSE(hub.standby_db.empty());
  EXPECT_EQ(hub.psql("SELECT sync_state FROM pg_stat_replication", hub.db), "sync\n") << "the standby is synchronous";
  Fleet fleet(t.path / "fleet", hub, 6, 120, 20);  // 1,440 records in batches of 20
  const int64_t total = fleet.records();
  fleet.start_syncing();

  ASSERT_TRUE(wait_for_count(hub, "SELECT count(*) FROM records", total / 3, 120));
  EXPECT_GT(kill_cluster(postmaster_pid(hub.dir / "pg")), 3);  // the primary's machine is gone
  const auto killed_at = std::chrono::steady_clock::now();
  ASSERT_EQ(hub.hub({"promote"}), 0);
  EXPECT_EQ(hub.psql("SELECT pg_is_in_recovery()", hub.standby_db), "f\n") << "the standby is the primary now";

  ASSERT_TRUE(wait_for_count(hub, "SELECT count(*) FROM records", total, 180, hub.standby_db));
  std::printf("primary killed with %lld of %lld records stored; all stored on the promoted standby %.1f s later\n",
              static_cast<long long>(total / 3), static_cast<long long>(total),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - killed_at).count());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (fleet.unsent() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // polling a condition, with a deadline
  fleet.stop_syncing();
  EXPECT_EQ(fleet.unsent(), 0);
  // A record acknowledged by the old primary and not on the standby would be missing here: the kiosk never sends
  // an acknowledged record again.
  EXPECT_EQ(stored_ids(hub, hub.standby_db), fleet.outbox_ids());
}

}  // namespace
}  // namespace shubbak::testing
