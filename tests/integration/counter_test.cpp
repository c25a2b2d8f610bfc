// The staff console, driven by the automation script as a separate process from the kiosk, on one data folder.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>

#include "store/database.hpp"
#include "tests/integration/helpers.hpp"

using namespace shubbak::testing;

class Counter : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    make_config(t.path / "cfg");
    ASSERT_EQ(admin({"staff", "add", "salma", "Salma B."}, "4821\n").exit_code, 0);
  }
  Result admin(const std::vector<std::string>& args, const std::string& in = "") {
    std::vector<std::string> argv = {bin("shubbak-admin"), "--data", data(), "--config", cfg()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, in);
  }
  Result kiosk(const std::string& role, const std::string& script) {
    write_file(t.path / (role + ".txt"), script);
    return run({bin("shubbak-kiosk"), "--headless", "--role", role, "--lang", GetParam(), "--size", "1920x1080",
                "--data", data(), "--config", cfg(), "--script", (t.path / (role + ".txt")).string(), "--shots",
                (t.path / "shots").string(), "--audit", (t.path / (role + ".jsonl")).string()});
  }
  std::string q(const std::string& sql) {
    auto db = shubbak::store::Database::open(data() + "/shubbak.db");
    return db.scalar_text(sql);
  }
  static std::string pin(const std::string& digits) {
    std::string s;
    for (char c : digits) s += std::string("tap pin.") + c + "\n";
    return s;
  }
  std::string data() const { return (t.path / "data").string(); }
  std::string cfg() const { return (t.path / "cfg").string(); }
  TempDir t;
};

TEST_P(Counter, ATicketFromTheKioskIsCalledServedAndAudited) {
  // The kiosk process: two tickets for jisr, the second one for a registered visitor.
  ASSERT_EQ(kiosk("visitor", "tap lang.fr\ntap service.jisr\ntap action.ticket\ntap ticket.done\n"
                             "tap lang.fr\ntap service.literacy\ntap action.ticket\n").exit_code, 0);
  // The counter process (counter 1 serves jisr and social): sign in, call, recall, serve; then call: nobody.
  Result r = kiosk("counter", "expect screen signin\ntap staff.salma\n" + pin("4821") + "tap pin.ok\n"
                   "expect screen console\ntap counter.call\nexpect text current.number A-001\ntap counter.recall\n"
                   "tap outcome.info_given\ntap counter.call\nexpect screen console\nshot after\n"
                   "tap counter.signout\nexpect screen signin\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT state || '/' || outcome || '/' || counter FROM tickets WHERE number='A-001'"), "served/info_given/1");
  EXPECT_EQ(q("SELECT state FROM tickets WHERE number='D-001'"), "waiting") << "literacy is counter 3's";
  EXPECT_EQ(q("SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log WHERE actor='staff:salma' ORDER BY id)"),
            "sign_in,called,recalled,served,sign_out");
  EXPECT_EQ(q("SELECT count(*) FROM outbox WHERE kind='ticket_event'"), "5") << "issued x2, called, recalled, served";
}

TEST_P(Counter, WrongPinsLockTheAccountAndTheLockIsAudited) {
  std::string script = "tap staff.salma\n";
  for (int i = 0; i < 5; ++i) script += pin("0000") + "tap pin.ok\n";
  script += pin("4821") + "tap pin.ok\nexpect screen signin\n";
  Result r = kiosk("counter", script);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT count(*) FROM audit_log WHERE action='pin_lockout'"), "1");
  EXPECT_EQ(q("SELECT count(*) FROM audit_log WHERE action='sign_in'"), "0");
}

TEST_P(Counter, PriorityFirstAndNoShow) {
  ASSERT_EQ(kiosk("visitor", "tap lang.fr\ntap service.social\ntap action.ticket\ntap ticket.done\n"
                             "tap lang.fr\ntap service.social\ntap action.ticket\n").exit_code, 0);
  {
    auto db = shubbak::store::Database::open(data() + "/shubbak.db");
    db.exec("UPDATE tickets SET priority=1 WHERE number='G-002'");  // a pregnant visitor, flagged
  }
  Result r = kiosk("counter", "tap staff.salma\n" + pin("4821") + "tap pin.ok\ntap counter.call\n"
                   "expect text current.number G-002\ntap counter.noshow\ntap counter.call\n"
                   "expect text current.number G-001\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT state FROM tickets WHERE number='G-002'"), "no_show");
}

TEST_P(Counter, IdleSignOut) {
  Result r = kiosk("counter", "tap staff.salma\n" + pin("4821") + "tap pin.ok\nexpect screen console\nclock +301\n"
                   "expect screen signin\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT count(*) FROM audit_log WHERE action='idle_sign_out' AND actor='staff:salma'"), "1");
}

INSTANTIATE_TEST_SUITE_P(StaffLanguages, Counter, ::testing::Values("ar", "fr"));

// Three processes on one data folder at once: the kiosk issues a ticket, the counter (already signed in, waiting)
// sees it and calls it, and the display on the wall shows and announces the call.
TEST(LiveAcrossProcesses, KioskTicketIsCalledAtTheCounterAndShownOnTheDisplay) {
  TempDir t;
  make_config(t.path / "cfg");
  const std::string data = (t.path / "data").string(), cfg = (t.path / "cfg").string();
  ASSERT_EQ(run({bin("shubbak-admin"), "--data", data, "--config", cfg, "staff", "add", "salma", "Salma"}, "4821\n")
                .exit_code, 0);
  auto start = [&](const std::string& role, const std::string& script) {
    write_file(t.path / (role + ".txt"), script);
    pid_t pid = fork();
    if (pid == 0) {
      int err = open((t.path / (role + ".err")).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(err, 2);
      std::string s = (t.path / (role + ".txt")).string(), shots = (t.path / "shots").string(),
                  audit = (t.path / (role + ".jsonl")).string();
      execl(bin("shubbak-kiosk").c_str(), "shubbak-kiosk", "--headless", "--role", role.c_str(), "--lang", "fr",
            "--size", "1920x1080", "--data", data.c_str(), "--config", cfg.c_str(), "--script", s.c_str(), "--shots",
            shots.c_str(), "--audit", audit.c_str(), nullptr);
      _exit(127);
    }
    return pid;
  };
  auto finish = [&](pid_t pid) {
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  };
  ASSERT_EQ(run({bin("shubbak-admin"), "--data", data, "--config", cfg, "init"}).exit_code, 0);
  pid_t display = start("display", "expect screen display\nuntil call.0.number A-001\nshot wall\n");
  pid_t counter = start("counter", "tap staff.salma\ntap pin.4\ntap pin.8\ntap pin.2\ntap pin.1\ntap pin.ok\n"
                                   "expect screen console\nuntil queue.title En attente : 1\ntap counter.call\n"
                                   "expect text current.number A-001\nshot console\n");
  write_file(t.path / "visitor.txt", "tap lang.fr\ntap service.jisr\ntap action.ticket\nexpect text ticket.number A-001\n");
  Result k = run({bin("shubbak-kiosk"), "--headless", "--data", data, "--config", cfg, "--script",
                  (t.path / "visitor.txt").string(), "--shots", (t.path / "shots").string()});
  EXPECT_EQ(k.exit_code, 0) << k.err;
  EXPECT_EQ(finish(counter), 0) << read_file(t.path / "counter.err");
  EXPECT_EQ(finish(display), 0) << read_file(t.path / "display.err");
  std::string wall = read_file(t.path / "display.jsonl");
  EXPECT_NE(wall.find("\"call.0.counter\",\"label\":\"Guichet 1\""), std::string::npos) << wall;
  EXPECT_NE(wall.find("announce A-001 counter 1"), std::string::npos) << "the call is said aloud";
  EXPECT_EQ(wall.find("Accompagnement"), std::string::npos) << "the wall never shows the service";
}

TEST_P(Counter, TransferPriorityAndCallStaffAlertsFromTheConsole) {
  ASSERT_EQ(kiosk("visitor", "tap lang.fr\ntap service.jisr\ntap action.ticket\ntap ticket.done\n"
                             "tap lang.fr\ntap service.social\ntap action.ticket\ntap ticket.done\n"
                             "tap lang.fr\ntap service.social\ntap action.ticket\ntap ticket.done\ntap call_staff\n")
                .exit_code, 0);
  // Counter 1 serves jisr and social. Mark G-002 as priority, call it, then transfer A-001 to legal.
  Result r = kiosk("counter", "tap staff.salma\n" + pin("4821") + "tap pin.ok\ntap counter.alerts\n"
                   "tap queue.2\ntap counter.call\nexpect text current.number G-002\ntap outcome.follow_up\n"
                   "tap counter.call\nexpect text current.number A-001\ntap counter.transfer\ntap transfer.legal\n"
                   "expect screen console\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT state || '/' || outcome FROM tickets WHERE number='G-002'"), "served/follow_up");
  EXPECT_EQ(q("SELECT service_id || '/' || state || '/' || number FROM tickets WHERE number='A-001'"),
            "legal/waiting/A-001");
  EXPECT_EQ(q("SELECT count(*) FROM alerts WHERE resolved_at IS NULL"), "0");
  EXPECT_EQ(q("SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log WHERE actor='staff:salma' ORDER BY id)"),
            "sign_in,alerts_seen,priority_set,called,served,called,transferred");
}

TEST(CounterLanguage, TheConsoleFollowsTheStaffMembersLanguage) {
  TempDir t;
  make_config(t.path / "cfg");
  write_file(t.path / "s.txt", "expect text screen.title Connexion du personnel\ntap lang.ar\n"
                               "expect text screen.title دخول الموظفين\n");
  Result r = run({bin("shubbak-kiosk"), "--headless", "--role", "counter", "--lang", "fr", "--data",
                  (t.path / "data").string(), "--config", (t.path / "cfg").string(), "--script",
                  (t.path / "s.txt").string(), "--shots", (t.path / "shots").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}
