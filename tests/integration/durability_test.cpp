// Real processes killed for real (SIGKILL) at moments chosen from what they are doing, again and again.
// The kiosk: every ticket it showed is in the database, whole, and the file is intact. The sync daemon: the
// upstream ends with every record exactly once. SHUBBAK_SOAK_KILLS (default 6) sets the number of kills per loop.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <sstream>

#include "store/database.hpp"
#include "tests/integration/helpers.hpp"
#include "tests/national/hub_fixture.hpp"

using namespace shubbak::testing;

namespace {

// The random moments come from a seed that is printed, so that a failure can be replayed: SHUBBAK_TEST_SEED=N.
unsigned test_seed() {
  const char* s = std::getenv("SHUBBAK_TEST_SEED");
  unsigned seed = s ? static_cast<unsigned>(std::strtoul(s, nullptr, 10)) : std::random_device{}();
  std::printf("random seed %u (replay with SHUBBAK_TEST_SEED=%u)\n", seed, seed);
  return seed;
}

int kills() {
  const char* s = std::getenv("SHUBBAK_SOAK_KILLS");
  return s ? std::max(1, std::atoi(s)) : 6;
}

}  // namespace

class Durability : public ::testing::Test {
 protected:
  std::string data() const { return (t.path / "data").string(); }
  std::string cfg() const { return (t.path / "cfg").string(); }
  TempDir t;
  std::mt19937 rng{test_seed()};
};

TEST_F(Durability, KioskKilledMidJourneyNeverLosesAShownTicket) {
  make_config(t.path / "cfg");
  std::set<std::string> shown;
  int journeys = 0, killed = 0, targets = 0;
  const int n = kills();
  for (int k = 0; k < n; ++k) {
    // A morning of visitors: registrations (new phone each) and plain tickets, as fast as the script goes.
    std::string script;
    for (int j = 0; j < 12; ++j, ++journeys) {
      if (j % 2 == 0) {
        char phone[16];
        std::snprintf(phone, sizeof phone, "07%08d", journeys);
        script += std::string("tap lang.fr\ntap service.legal\ntap action.register\ntype Amina\ntap form.next\ntype ") +
                  phone + "\ntap form.next\nexpect screen consent\ntap consent.yes\ntap consent.yes\ntap consent.yes\nexpect screen ticket\n"
                          "tap ticket.done\n";
      } else {
        script += "tap lang.fr\ntap service.literacy\ntap action.ticket\nexpect screen ticket\ntap ticket.done\n";
      }
    }
    write_file(t.path / "script.txt", script);
    Process kiosk = spawn({bin("shubbak-kiosk"), "--headless", "--data", data(), "--config", cfg(), "--script",
                  (t.path / "script.txt").string()});
    // Kill after a random number of shown tickets (0: during start-up), the next journey under way.
    int target = std::uniform_int_distribution<int>(0, 5)(rng), seen = 0;
    targets += target;
    std::string l;
    while (seen < target && kiosk.line(l)) {
      if (auto p = l.find("ticket "); p != std::string::npos && l.find(" issued") != std::string::npos) {
        shown.insert(l.substr(p + 7, l.find(' ', p + 7) - p - 7));
        ++seen;
      }
    }
    ASSERT_EQ(seen, target) << "the kiosk ended before showing " << target << " tickets";
    killed += kiosk.stop(SIGKILL) == 128 + SIGKILL;  // 12 journeys queued: it is always mid-way here
    if (!fs::exists(data() + "/shubbak.db")) {  // killed before it made its store: nothing was shown
      ASSERT_TRUE(shown.empty());
      continue;
    }
    auto db = shubbak::store::Database::open(data() + "/shubbak.db");
    ASSERT_EQ(db.scalar_text("PRAGMA integrity_check"), "ok") << "after kill " << k;
    std::set<std::string> durable;
    auto st = db.prepare("SELECT number FROM tickets");
    while (st.step()) durable.insert(st.text(0));
    for (const auto& number : shown) ASSERT_TRUE(durable.count(number)) << "shown ticket lost: " << number;
    ASSERT_EQ(db.scalar("SELECT count(*) FROM outbox WHERE kind='ticket_event'"), db.scalar("SELECT count(*) FROM tickets"));
    ASSERT_EQ(db.scalar("SELECT count(*) FROM outbox WHERE kind='registration'"),
              db.scalar("SELECT count(*) FROM registrations"));
    ASSERT_EQ(db.scalar("SELECT count(*) FROM visitors"), db.scalar("SELECT count(*) FROM registrations"));
  }
  EXPECT_EQ(killed, n) << "every run must have been killed mid-way, not ended by itself";
  EXPECT_EQ(static_cast<int>(shown.size()), targets) << "each shown ticket has its own number";
  std::printf("kiosk killed %d times; %zu shown tickets all found, database intact\n", killed, shown.size());
}

TEST_F(Durability, SyncKilledMidBatchDeliversEveryRecordExactlyOnce) {
  Hub up = Hub::up(t.path / "hub");
  make_hub_sync_config(t.path / "cfg", up);
  // Small batches: many commits to be killed between.
  std::string c = read_file(t.path / "cfg/centre.conf");
  c.replace(c.find("low_speed_seconds = 2\n"), 22, "low_speed_seconds = 2\nbatch_max_records = 40\n");
  write_file(t.path / "cfg/centre.conf", c);
  Result r = run({bin("shubbak-admin"), "--data", data(), "--config", cfg(), "seed", "--registrations", "600"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const int n = kills();
  int killed = 0;
  for (int k = 0; k < n; ++k) {
    Process sync = spawn({bin("shubbak-sync"), "--data", data(), "--config", cfg(), "--log-level", "debug"});
    // Kill after a random number of log lines (batches sent, acknowledged, stored).
    int target = std::uniform_int_distribution<int>(1, 6)(rng), seen = 0;
    std::string l;
    while (seen < target && sync.line(l)) ++seen;
    killed += sync.stop(SIGKILL) == 128 + SIGKILL;
    auto db = shubbak::store::Database::open(data() + "/shubbak.db");
    ASSERT_EQ(db.scalar_text("PRAGMA integrity_check"), "ok");
    if (db.scalar("SELECT count(*) FROM outbox WHERE state<>'sent'") == 0) break;
  }
  EXPECT_GE(killed, 1) << "no run was killed mid-way: the test proved nothing";
  // Then it runs to the end.
  r = run({bin("shubbak-sync"), "--data", data(), "--config", cfg(), "--once"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  std::set<std::string> local, remote;
  {
    auto db = shubbak::store::Database::open(data() + "/shubbak.db");
    auto st = db.prepare("SELECT id FROM outbox WHERE state='sent'");
    while (st.step()) local.insert(st.text(0));
    EXPECT_EQ(db.scalar("SELECT count(*) FROM outbox"), static_cast<int64_t>(local.size())) << "all sent";
  }
  int64_t rows = 0;
  std::istringstream ids(up.psql("SELECT id FROM records"));
  for (std::string id; std::getline(ids, id);) remote.insert(id), ++rows;
  EXPECT_EQ(rows, static_cast<int64_t>(remote.size())) << "a record stored twice upstream";
  EXPECT_EQ(remote, local) << "upstream and kiosk disagree";
  EXPECT_EQ(remote.size(), 1200u) << "600 registrations make 1,200 records";
  std::printf("sync killed %d times mid-run; %zu records, each exactly once upstream\n", killed, remote.size());
}
