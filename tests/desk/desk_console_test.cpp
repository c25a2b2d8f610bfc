// What the retired ImGui console (shubbak-kiosk --role counter) proved, proved again against a real shubbak-desk:
// a desk calls only its own services and every step reaches the outbox; priority, transfer and the kiosk's
// call-staff alerts; idle sign-out; the staff member's language; her details and the note in no log line and no
// cache; the store down or failing in staff words, the desk still answering; the refused-catalogue line; and the
// kiosk, the desk and the wall display live across processes.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "common/i18n.hpp"
#include "store/database.hpp"
#include "tests/desk/desk_fixture.hpp"

using namespace shubbak::testing;
using SteadyClock = std::chrono::steady_clock;

namespace {

std::string ticket_id(DeskProcess& desk, const std::string& number) {
  return desk.q("SELECT id FROM tickets WHERE number='" + number + "'");
}

std::string staff_actions(DeskProcess& desk, const std::string& login) {
  return desk.q("SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log WHERE actor='staff:" + login +
                "' ORDER BY id)");
}

const shubbak::VisitorDetails kHer{"Khadouj Oubella", "0661234567", "JT445566", "1987", "Hay Hassani",
                                   shubbak::ContactPreference::Sms};
constexpr const char* kNote = "Khadouj revient lundi";

}  // namespace

// Was Counter.ATicketFromTheKioskIsCalledServedAndAudited.
TEST(DeskConsole, ADeskCallsOnlyItsServicesAndEveryStepIsAuditedAndSentOnward) {
  DeskProcess desk;
  EXPECT_EQ(desk.issue("jisr"), "A-001");
  EXPECT_EQ(desk.issue("literacy"), "D-001");  // counter 3's service
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1)) << b.last_page;
  EXPECT_NE(b.last_page.find(">A-001<"), std::string::npos) << "desk 1 serves jisr";
  EXPECT_EQ(b.last_page.find(">D-001<"), std::string::npos) << "literacy is desk 3's";
  EXPECT_EQ(b.post("/call-next", "csrf=" + b.csrf()).status, 303);
  EXPECT_EQ(b.post("/recall", "csrf=" + b.csrf()).status, 303);
  EXPECT_EQ(b.post("/served", "csrf=" + b.csrf() + "&outcome=info_given&note=").status, 303);
  EXPECT_EQ(b.post("/call-next", "csrf=" + b.csrf()).status, 303);
  b.get("/console");
  EXPECT_EQ(text_of(b.last_page, "current-number"), "") << "nobody else is waiting for desk 1";
  EXPECT_NE(b.last_page.find(escaped(translations().get("fr", "counter.nobody_waiting"))), std::string::npos);
  EXPECT_EQ(b.post("/signout", "csrf=" + b.csrf()).status, 303);
  EXPECT_EQ(desk.q("SELECT state || '/' || outcome || '/' || counter FROM tickets WHERE number='A-001'"),
            "served/info_given/1");
  EXPECT_EQ(desk.q("SELECT state FROM tickets WHERE number='D-001'"), "waiting");
  EXPECT_EQ(staff_actions(desk, "salma"), "sign_in,called,recalled,served,sign_out");
  EXPECT_EQ(desk.q("SELECT count(*) FROM outbox WHERE kind='ticket_event'"), "5") << "issued x2, called, recalled, served";
}

// Was Counter.TransferPriorityAndCallStaffAlertsFromTheConsole.
TEST(DeskConsole, PriorityTransferAndTheKiosksCallStaffAlerts) {
  DeskProcess desk;
  desk.issue("jisr");
  desk.issue("social");  // G-001
  desk.issue("social");  // G-002
  desk.raise_alert("call_staff");  // "call staff" pressed at the kiosk
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1));
  const auto tr = translations();
  EXPECT_NE(b.last_page.find(escaped(shubbak::format(tr.get("fr", "counter.alerts"), {{"count", "1"}}))),
            std::string::npos) << b.last_page;
  EXPECT_NE(b.last_page.find("id=\"ack-alerts\""), std::string::npos);
  EXPECT_EQ(b.post("/ack-alerts", "csrf=" + b.csrf()).status, 303);
  EXPECT_EQ(b.post("/priority", "csrf=" + b.csrf() + "&ticket=" + ticket_id(desk, "G-002")).status, 303);
  b.get("/console");
  EXPECT_EQ(b.last_page.find("id=\"ack-alerts\""), std::string::npos) << "the alert is handled";
  EXPECT_LT(b.last_page.find(">G-002<"), b.last_page.find(">A-001<")) << "the priority ticket is listed first";
  b.post("/call-next", "csrf=" + b.csrf());
  b.get("/console");
  EXPECT_EQ(text_of(b.last_page, "current-number"), "G-002");
  b.post("/served", "csrf=" + b.csrf() + "&outcome=follow_up&note=");
  b.post("/call-next", "csrf=" + b.csrf());
  b.get("/console");
  EXPECT_EQ(text_of(b.last_page, "current-number"), "A-001");
  EXPECT_EQ(b.post("/transfer", "csrf=" + b.csrf() + "&service=legal").status, 303);
  EXPECT_EQ(desk.q("SELECT state || '/' || outcome FROM tickets WHERE number='G-002'"), "served/follow_up");
  EXPECT_EQ(desk.q("SELECT service_id || '/' || state || '/' || number FROM tickets WHERE number='A-001'"),
            "legal/waiting/A-001");
  EXPECT_EQ(desk.q("SELECT count(*) FROM alerts WHERE resolved_at IS NULL"), "0");
  EXPECT_EQ(staff_actions(desk, "salma"), "sign_in,alerts_seen,priority_set,called,served,called,transferred");
}

// Was Counter.IdleSignOut. The shortest idle time the configuration allows (30 s), on the desk's own clock. The
// desk's idle rule signs her out on its own; her page learns it (its live request, as the script does, then the
// reload it makes) and the sign-in page says, in her language, that she was signed out after that many minutes
// without activity (30 s: "1 min"), not the generic "session ended" of a plain sign-out or an unknown cookie.
TEST(DeskConsole, AStaffMemberWhoWalkedAwayIsSignedOutAndTheDeskSaysWhy) {
  DeskProcess desk("", "staff_idle_signout_seconds = 30\n");
  const auto tr = translations();
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1, "ar"));
  const std::string cookie = b.cookies["shubbak_desk"];
  const auto deadline = SteadyClock::now() + std::chrono::seconds(90);
  while (desk.q("SELECT count(*) FROM audit_log WHERE action='idle_sign_out' AND actor='staff:salma'") != "1") {
    ASSERT_LT(SteadyClock::now(), deadline) << "no idle sign-out after 90 s: " << desk.log();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // a polling step: the condition decides
  }
  EXPECT_EQ(b.get("/console/live").status, 401) << "the page's script learns it";
  HttpAnswer a = b.get("/console");  // the reload the script makes
  EXPECT_NE(a.body.find("id=\"signin\""), std::string::npos) << "back on the sign-in page";
  const std::string idle = tr.get("ar", "desk.signed_out_idle_minutes");
  ASSERT_NE(idle.find("{minutes}"), std::string::npos);
  const std::string said = escaped(idle.substr(0, idle.find("{minutes}")) + "1" +
                                   idle.substr(idle.find("{minutes}") + std::string("{minutes}").size()));
  EXPECT_EQ(text_of(a.body, "message"), said) << a.body;
  EXPECT_NE(a.body.find("lang=\"ar\" dir=\"rtl\""), std::string::npos) << "in her language";
  EXPECT_EQ(a.body.find(cookie), std::string::npos) << "nothing of the session in the page";
  EXPECT_EQ(b.post("/call-next", "csrf=" + b.csrf()).status, 401) << "the session is over";

  // Distinct from a plain sign-out (no words) and from a cookie the desk does not know ("session ended").
  Browser plain = desk.browser();
  ASSERT_TRUE(plain.sign_in("amina", "1357", 2, "ar"));
  EXPECT_EQ(plain.post("/signout", "csrf=" + plain.csrf()).header("location"), "/signin");
  EXPECT_EQ(text_of(plain.get("/signin").body, "message"), "");
  Browser stranger = desk.browser();
  stranger.cookies["shubbak_desk_lang"] = "ar";
  stranger.cookies["shubbak_desk"] = cookie;  // the idle end is said once: now an ended session like any other
  EXPECT_EQ(text_of(stranger.get("/console").body, "message"), escaped(tr.get("ar", "desk.session_ended")));
}

// Was CounterLanguage.TheConsoleFollowsTheStaffMembersLanguage: the console, and this PC's sign-in page after it,
// are in the language she chose, whatever the centre's default.
TEST(DeskConsole, TheConsoleIsInTheLanguageTheStaffMemberChose) {
  DeskProcess desk;
  const auto tr = translations();
  for (const std::string lang : {"ar", "zgh", "fr"}) {
    Browser b = desk.browser();
    ASSERT_TRUE(b.sign_in("salma", "4821", 1, lang)) << lang;
    const std::string dir = lang == "ar" ? "rtl" : "ltr";
    EXPECT_NE(b.last_page.find("lang=\"" + lang + "\" dir=\"" + dir + "\""), std::string::npos) << lang;
    EXPECT_NE(b.last_page.find(escaped(tr.get(lang, "counter.call_next"))), std::string::npos) << lang;
    b.post("/signout", "csrf=" + b.csrf());
    HttpAnswer signin = b.get("/signin");
    EXPECT_NE(signin.body.find("lang=\"" + lang + "\""), std::string::npos) << "this PC's last language: " << lang;
  }
}

// Was PersonalText.HerDetailsAndTheNoteOnTheCounterConsoleAreNeverCached and the counter's part of
// Privacy.TheCanaryIsInNoLogAtTheMostVerboseLevel: on the page only while she is served, the page not cached, each
// view audited, and neither her details nor the note in any line the desk logs at its most verbose level.
TEST(DeskPrivacy, HerDetailsAndTheNoteAreInNoLogLineAndTheirPageIsNotCached) {
  DeskProcess desk("", "", {"--log-level", "debug"});
  EXPECT_EQ(desk.issue_registered("jisr", kHer), "A-001");
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1));
  EXPECT_EQ(b.last_page.find(kHer.name), std::string::npos) << "not while she waits";
  b.post("/call-next", "csrf=" + b.csrf());
  HttpAnswer a = b.get("/console");
  for (const std::string& detail : {kHer.name, kHer.phone, kHer.cin})
    EXPECT_NE(a.body.find(detail), std::string::npos) << "the desk shows " << detail << " while she is served";
  EXPECT_EQ(a.header("cache-control"), "no-store");
  EXPECT_EQ(b.get("/console/live").header("cache-control"), "no-store");
  EXPECT_EQ(b.post("/served", "csrf=" + b.csrf() + "&outcome=info_given&note=Khadouj+revient+lundi").status, 303);
  EXPECT_EQ(desk.q("SELECT note FROM tickets WHERE number='A-001'"), kNote);
  b.get("/console");
  for (const std::string& detail : {kHer.name, kHer.phone, kHer.cin, std::string(kNote)})
    EXPECT_EQ(b.last_page.find(detail), std::string::npos) << detail << " after she is served";
  EXPECT_EQ(desk.q("SELECT count(*) FROM audit_log WHERE action='view_details' AND actor='staff:salma'"), "1");
  EXPECT_EQ(desk.stop(), 0);
  const std::string log = desk.log();
  EXPECT_NE(log.find("called A-001"), std::string::npos) << "the desk logged the shift: " << log;
  for (const std::string& detail : {kHer.name, kHer.phone, kHer.cin, std::string(kNote), std::string("Khadouj")})
    EXPECT_EQ(log.find(detail), std::string::npos) << detail << " in the desk's log:\n" << log;
}

class DeskStore : public ::testing::TestWithParam<std::string> {
 protected:
  Browser browser_in_lang() {
    Browser b = desk.browser();
    b.cookies["shubbak_desk_lang"] = GetParam();
    return b;
  }
  DeskProcess desk;
};

// Was Roles.CounterSaysTheStoreIsDownAndWhatToDoNotTheVisitorsMessage: the data folder cannot be used (here it is
// gone and a file stands in its place): the staff member reads what is wrong and what to do, in her language, not
// the visitor's "go to the counter"; once the folder is back the desk works again, never having exited.
TEST_P(DeskStore, TheStoreThatCannotBeOpenedIsSaidInStaffWords) {
  const auto tr = translations();
  const std::string lang = GetParam();
  const fs::path data = desk.data(), aside = desk.dir.path / "data-aside";
  fs::rename(data, aside);
  write_file(data, "not a folder");
  Browser b = browser_in_lang();
  HttpAnswer a = b.get("/signin");
  EXPECT_EQ(a.status, 503);
  EXPECT_NE(a.body.find(escaped(tr.get(lang, "counter.store_error"))), std::string::npos) << a.body;
  EXPECT_NE(a.body.find("lang=\"" + lang + "\""), std::string::npos);
  EXPECT_EQ(a.body.find(escaped(tr.get(lang, "store_error.body"))), std::string::npos) << "the visitor's words";
  EXPECT_TRUE(desk.alive());
  fs::remove(data);
  fs::rename(aside, data);
  EXPECT_EQ(b.get("/signin").status, 200);
  EXPECT_TRUE(b.sign_in("salma", "4821", 1, lang));
}

// Was Roles.TheConsoleSurvivesAStoreThatFailsWhileItRuns: the store fails under a signed-in desk (its alerts table
// is gone, as a damaged page would make it): words, not a crash; the desk keeps answering.
TEST_P(DeskStore, AStoreThatFailsUnderASignedInDeskIsSaidAndTheDeskKeepsAnswering) {
  const auto tr = translations();
  desk.issue("jisr");
  Browser b = browser_in_lang();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1, GetParam()));
  const std::string csrf = b.csrf();
  shubbak::store::Database::open(desk.data() + "/shubbak.db").exec("DROP TABLE alerts");
  // The page's live update (the next read of the store), then an action.
  for (const char* path : {"/console/live", "/call-next"}) {
    HttpAnswer a = std::string(path) == "/call-next" ? b.post(path, "csrf=" + csrf) : b.get(path);
    EXPECT_EQ(a.status, 503) << path;
    EXPECT_NE(a.body.find(escaped(tr.get(GetParam(), "counter.store_error"))), std::string::npos) << path << a.body;
  }
  EXPECT_TRUE(desk.alive());
  EXPECT_NE(desk.log().find("the store failed"), std::string::npos) << desk.log();
  EXPECT_EQ(b.get("/static/desk.css").status, 200) << "still answering";
}

INSTANTIATE_TEST_SUITE_P(Languages, DeskStore, ::testing::Values("ar", "zgh", "fr"));

// Was LastGoodCatalogue.ARefusedCatalogueAtStartFallsBackOnTheLastGoodOne and ...ClearsTheCountersLine (their
// counter part): while a kiosk of the centre runs on its last good catalogue (its alert open), every desk says so;
// once a catalogue is accepted (the alert resolved), the line is gone.
TEST(DeskCatalogue, ARefusedCatalogueIsSaidOnTheConsoleUntilOneIsAccepted) {
  DeskProcess desk;
  const auto tr = translations();
  desk.raise_alert_once("catalogue_fallback");
  for (const std::string lang : {"ar", "fr"}) {
    Browser b = desk.browser();
    ASSERT_TRUE(b.sign_in("salma", "4821", 1, lang));
    EXPECT_EQ(text_of(b.last_page, "message"), escaped(tr.get(lang, "counter.catalogue_fallback"))) << lang;
    b.post("/signout", "csrf=" + b.csrf());
  }
  desk.resolve_alerts("catalogue_fallback");
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1));
  EXPECT_EQ(text_of(b.last_page, "message"), "");
}

// Was LiveAcrossProcesses.KioskTicketIsCalledAtTheCounterAndShownOnTheDisplay: three processes on one data folder
// at once. The kiosk issues a ticket, the signed-in desk sees it without being told and calls it, and the display on
// the wall shows and announces the call (never the service).
TEST(LiveAcrossProcesses, AKioskTicketIsCalledAtTheDeskAndShownOnTheDisplay) {
  DeskProcess desk;
  const fs::path dir = desk.dir.path, audit = dir / "display.jsonl";
  write_file(dir / "display.txt", "expect screen display\nuntil call.0.number A-001\nshot wall\n");
  Process display = spawn({bin("shubbak-kiosk"), "--headless", "--role", "display", "--lang", "fr", "--size",
                           "1920x1080", "--data", desk.data(), "--config", desk.cfg(), "--script",
                           (dir / "display.txt").string(), "--shots", (dir / "shots").string(), "--audit",
                           audit.string()});
  std::string display_log;
  ASSERT_TRUE(display.wait_for("kiosk started", &display_log)) << display_log;
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1));
  write_file(dir / "visitor.txt", "tap lang.fr\ntap service.jisr\ntap action.ticket\nexpect text ticket.number A-001\n");
  Result k = run({bin("shubbak-kiosk"), "--headless", "--data", desk.data(), "--config", desk.cfg(), "--script",
                  (dir / "visitor.txt").string(), "--shots", (dir / "shots").string()});
  ASSERT_EQ(k.exit_code, 0) << k.err;
  const auto deadline = SteadyClock::now() + std::chrono::seconds(10);
  while (b.get("/console/live").body.find(">A-001<") == std::string::npos) {
    ASSERT_LT(SteadyClock::now(), deadline) << "the kiosk's ticket never reached the desk: " << b.last_page;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // a polling step: the condition decides
  }
  EXPECT_EQ(b.post("/call-next", "csrf=" + b.csrf()).status, 303);
  b.get("/console");
  EXPECT_EQ(text_of(b.last_page, "current-number"), "A-001");
  EXPECT_EQ(display.stop(0), 0) << display_log;
  const std::string wall = read_file(audit);
  EXPECT_NE(wall.find("\"call.0.counter\",\"label\":\"Guichet 1\""), std::string::npos) << wall;
  EXPECT_NE(wall.find("announce A-001 counter 1"), std::string::npos) << "the call is said aloud";
  EXPECT_EQ(wall.find("Accompagnement"), std::string::npos) << "the wall never shows the service";
}
