// The visitor's journeys, scripted in every language, each checked in the database afterwards.
#include <gtest/gtest.h>

#include <regex>

#include "store/database.hpp"
#include "tests/integration/helpers.hpp"

using namespace shubbak::testing;

class Journeys : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { make_config(t.path / "cfg"); }
  std::string lang() const { return GetParam(); }
  // LANG in the script becomes the language under test.
  Result kiosk(const std::string& script) {
    write_file(t.path / "s.txt", std::regex_replace(script, std::regex("LANG"), lang()));
    return run({bin("shubbak-kiosk"), "--headless", "--lang", lang(), "--data", (t.path / "data").string(),
                "--config", (t.path / "cfg").string(), "--script", (t.path / "s.txt").string(), "--shots",
                (t.path / "shots").string(), "--audit", (t.path / "audit.jsonl").string()});
  }
  std::string q(const std::string& sql) {
    auto db = shubbak::store::Database::open((t.path / "data/shubbak.db").string());
    return db.scalar_text(sql);
  }
  // A name in the visitor's own script.
  std::string name() const {
    if (lang() == "ar") return "نزهة";
    if (lang() == "zgh") return "ⵜⵉⵍⴻⵍⵍⵉ";
    return "Nezha";
  }
  std::string registration(const std::string& phone, const std::string& consent) {
    return "tap lang.LANG\ntap service.jisr\ntap action.register\ntype " + name() + "\ntap form.next\ntype " + phone +
           "\ntap form.next\ntap form.next\ntype 1985\ntap form.next\ntype Anfa\ntap form.next\ntap contact.call\n"
           "tap form.next\nexpect screen consent\ntap consent." + consent + "\n" +
           (consent == "yes" ? "tap consent.yes\ntap consent.yes\n" : "") + "expect screen ticket\n";  // sms, share
  }
  TempDir t;
};

TEST_P(Journeys, QuickTicket) {
  Result r = kiosk("tap lang.LANG\ntap service.literacy\ntap action.ticket\nexpect screen ticket\n"
                   "expect text ticket.number D-001\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT number || ' ' || state || ' ' || (visitor_id IS NULL) FROM tickets"), "D-001 waiting 1");
  EXPECT_EQ(q("SELECT count(*) FROM outbox WHERE kind='ticket_event'"), "1");
}

TEST_P(Journeys, HelpMeChooseLeadsToAService) {
  Result r = kiosk("tap lang.LANG\ntap help.open\nexpect screen help\ntap answer.want-learn\ntap answer.read-write\n"
                   "expect screen service\ntap action.ticket\nexpect text ticket.number D-001\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT service_id FROM tickets"), "literacy");
}

TEST_P(Journeys, NewRegistrationWithConsent) {
  Result r = kiosk(registration("0611111111", "yes"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT full_name || '|' || phone || '|' || birth_year || '|' || contact FROM visitors"),
            name() + "|0611111111|1985|call");
  EXPECT_EQ(q("SELECT count(*) FROM tickets t JOIN registrations g ON g.id = t.registration_id"), "1");
}

TEST_P(Journeys, ConsentRefusedStoresNothingAboutHer) {
  Result r = kiosk(registration("0611111111", "no"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT count(*) FROM visitors"), "0");
  EXPECT_EQ(q("SELECT count(*) FROM tickets"), "1");
}

TEST_P(Journeys, ReturningVisitorChecksInAndADuplicateIsCaught) {
  ASSERT_EQ(kiosk(registration("0622222222", "yes")).exit_code, 0);
  std::string visitor = q("SELECT id FROM visitors");
  Result r = kiosk("tap lang.LANG\ntap service.social\ntap action.checkin\nexpect screen checkin\ntype 0622222222\n"
                   "tap form.next\nexpect screen ticket\nexpect text ticket.number G-001\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT visitor_id FROM tickets WHERE service_id='social'"), visitor);
  // Registering again with the same phone: offered check-in instead of a second registration.
  r = kiosk("tap lang.LANG\ntap service.incubator\ntap action.register\ntype " + name() +
            "\ntap form.next\ntype 0622222222\ntap form.next\nexpect screen duplicate\ntap duplicate.use\n"
            "expect screen ticket\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT count(*) FROM visitors"), "1");
  EXPECT_EQ(q("SELECT visitor_id FROM tickets WHERE service_id='incubator'"), visitor);
}

TEST_P(Journeys, InvalidPhoneIsCorrected) {
  std::string back;
  for (int i = 0; i < 9; ++i) back += "tap key.backspace\n";
  Result r = kiosk("tap lang.LANG\ntap service.legal\ntap action.register\ntype " + name() +
                   "\ntap form.next\ntype 061234567\ntap form.next\nexpect screen form\n" + back +
                   "type 0612345678\ntap form.next\nexpect screen consent\ntap consent.yes\ntap consent.yes\ntap consent.yes\nexpect screen ticket\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT phone FROM visitors"), "0612345678");
}

TEST_P(Journeys, InactivityResetForgetsWhatWasTyped) {
  Result r = kiosk("tap lang.LANG\ntap service.jisr\ntap action.register\ntype " + name() +
                   "\nexpect text form.field " + name() + "\nclock +61\nexpect screen more_time\nclock +21\n"
                   "expect screen welcome\ntap lang.LANG\ntap service.jisr\ntap action.register\n"
                   "expect text form.field \n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT count(*) FROM visitors"), "0");
  EXPECT_EQ(q("SELECT count(*) FROM tickets"), "0");
}

TEST_P(Journeys, SensitiveServiceTicketSaysNothingAboutTheService) {
  Result r = kiosk("tap lang.LANG\ntap service.listening\ntap action.ticket\nexpect screen ticket\n"
                   "expect text ticket.number E-001\nshot t\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT sensitive FROM tickets"), "1");
  // Nothing on the ticket screen names the service, shows its pictogram, or its counter.
  std::string audit = read_file(t.path / "audit.jsonl");
  ASSERT_NE(audit.find("\"ticket.number\""), std::string::npos);
  for (const char* id : {"\"ticket.service\"", "\"ticket.icon\"", "\"ticket.counter\""})
    EXPECT_EQ(audit.find(id), std::string::npos) << id;
  for (const char* title : {"الإنصات والدعم للنساء", "Écoute et soutien", "ⴰⵙⴼⵍⴷ ⴷ ⵓⵎⵢⴰⵡⴰⵙ", "volunteer_activism"})
    EXPECT_EQ(audit.find(title), std::string::npos) << title;
}

INSTANTIATE_TEST_SUITE_P(EveryLanguage, Journeys, ::testing::Values("ar", "zgh", "fr"));

// The store refuses to write (here: a trigger standing in for disk full or an I/O error): a clear message in her
// language, the counter alerted, nothing half-written.
TEST_P(Journeys, StoreFailureTellsHerToGoToTheCounter) {
  ASSERT_EQ(run({bin("shubbak-admin"), "--data", (t.path / "data").string(), "--config", (t.path / "cfg").string(),
                 "init"}).exit_code, 0);
  {
    auto db = shubbak::store::Database::open((t.path / "data/shubbak.db").string());
    db.exec("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(FAIL, 'disk I/O error'); END");
  }
  Result r = kiosk("tap lang.LANG\ntap service.jisr\ntap action.ticket\nexpect screen store_error\nshot e\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT count(*) FROM tickets"), "0");
  EXPECT_EQ(q("SELECT kind FROM alerts"), "store_error");
  std::string audit = read_file(t.path / "audit.jsonl");
  EXPECT_NE(audit.find("\"store_error.body\""), std::string::npos);
  EXPECT_NE(r.err.find("could not save a ticket"), std::string::npos) << "an operator line in the log";
}

// Voice: every screen's listen button plays its prompt where a clip exists; validation is spoken too; a language
// without clips (Tamazight, until recorded) shows no listen button.
TEST_P(Journeys, ListenButtonAndSpokenValidation) {
  Result r = kiosk("tap lang.LANG\nshot a\ntap service.jisr\ntap action.register\ntap form.next\nshot b\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string audit = read_file(t.path / "audit.jsonl");
  bool has_listen = audit.find("\"id\":\"listen\"") != std::string::npos;
  if (lang() == "zgh") {
    EXPECT_FALSE(has_listen);
    EXPECT_NE(audit.find("zgh/form.error.name_missing (no clip)"), std::string::npos);
  } else {
    EXPECT_TRUE(has_listen);
    EXPECT_NE(audit.find("\"" + lang() + "/form.error.name_missing\""), std::string::npos) << audit;
    EXPECT_NE(audit.find("\"" + lang() + "/prompt.catalogue\""), std::string::npos);
  }
}

TEST_P(Journeys, PriorityChosenByTheVisitorReachesTheQueue) {
  Result r = kiosk("tap lang.LANG\ntap service.social\ntap action.priority\ntap action.ticket\nexpect screen ticket\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(q("SELECT priority FROM tickets"), "1");
}
