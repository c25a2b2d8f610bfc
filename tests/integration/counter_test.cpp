// The staff console, driven by the automation script as a separate process from the kiosk, on one data folder.
#include <gtest/gtest.h>

#include <regex>

#include "database.hpp"
#include "helpers.hpp"

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
