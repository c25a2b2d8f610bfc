// What shubbak-desk finds at start and what it does on its own all day (issue 15's review, issue 16): a refused
// catalogue (its last good copy, else a page telling staff to call the technician), a store it cannot open (a page
// saying so, then back by itself), a reload after the store failed (what is really in the store, never an old
// page), and its housekeeping (appointments of past days not kept are marked missed). Never an exit.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "common/centre_settings.hpp"
#include "common/last_good_catalogue.hpp"
#include "kiosk/core/appointment_slots.hpp"
#include "kiosk/store/appointment_store.hpp"
#include "store/data_dir.hpp"
#include "tests/desk/desk_fixture.hpp"

using namespace shubbak;
using namespace shubbak::testing;
using SteadyClock = std::chrono::steady_clock;

namespace {

// A line no catalogue accepts: the whole file is refused.
void break_catalogue(DeskProcess& desk) {
  const fs::path file = fs::path(desk.cfg()) / "catalog.conf";
  write_file(file, read_file(file) + "\nthis line is not a key\n");
}

// The data folder gone and a file in its place: no store can be opened there.
void take_data_away(DeskProcess& desk) {
  fs::rename(desk.data(), desk.dir.path / "data-aside");
  write_file(desk.data(), "not a folder");
}

void give_data_back(DeskProcess& desk) {
  fs::remove(desk.data());
  fs::rename(desk.dir.path / "data-aside", desk.data());
}

Browser in_lang(const DeskProcess& desk, const std::string& lang) {
  Browser b = desk.browser();
  b.cookies["shubbak_desk_lang"] = lang;
  return b;
}

bool has(const std::string& page, const std::string& words) { return page.find(escaped(words)) != std::string::npos; }

}  // namespace

// The desk keeps the catalogue it accepted, as the kiosk does (the same code); one refused later at start is
// replaced by that copy: the desk serves, says it on the console, and logs why.
TEST(DeskStart, ARefusedCatalogueAtStartFallsBackOnTheLastGoodOne) {
  DeskProcess desk;
  const std::string file = desk.cfg() + "/catalog.conf";
  ASSERT_TRUE(fs::exists(last_good_path(file))) << "the desk keeps the catalogue it accepted";
  break_catalogue(desk);
  desk.restart();
  EXPECT_TRUE(desk.alive());
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1, "fr")) << b.last_page;
  EXPECT_EQ(text_of(b.last_page, "message"), escaped(translations().get("fr", "counter.catalogue_fallback")));
  const std::string log = desk.log();
  EXPECT_NE(log.find("the catalogue was refused"), std::string::npos) << log;
  EXPECT_NE(log.find("this line is not a key"), std::string::npos) << "the log says why: " << log;
  EXPECT_NE(log.find("started with the last good one, " + last_good_path(file)), std::string::npos) << log;
}

class DeskStartIn : public ::testing::TestWithParam<std::string> {};

// No good copy either: the desk starts all the same, and every page tells staff, in their language, that the
// centre's catalogue could not be read and to call the technician. Its stylesheet and fonts are still served.
TEST_P(DeskStartIn, WithNoCatalogueAtAllEveryPageSaysToCallTheTechnician) {
  const std::string lang = GetParam();
  const auto tr = translations();
  DeskProcess desk("", "", {}, break_catalogue);
  EXPECT_TRUE(desk.alive());
  Browser b = in_lang(desk, lang);
  for (const char* path : {"/", "/signin", "/console"}) {
    HttpAnswer a = b.get(path);
    EXPECT_EQ(a.status, 503) << path;
    EXPECT_TRUE(has(a.body, tr.get(lang, "desk.no_catalogue_title"))) << path << a.body;
    EXPECT_TRUE(has(a.body, tr.get(lang, "desk.no_catalogue"))) << path << a.body;
    EXPECT_NE(a.body.find("lang=\"" + lang + "\""), std::string::npos) << path;
  }
  EXPECT_EQ(b.post("/signin", "csrf=x&login=salma&pin=4821&counter=1").status, 503);
  EXPECT_EQ(b.get("/static/desk.css").status, 200);
  EXPECT_TRUE(desk.alive());
  EXPECT_NE(desk.log().find("no good copy"), std::string::npos) << desk.log();
}

// The store cannot be opened when the desk starts: it starts all the same, every page says (in the staff member's
// language) that the records cannot be opened now and nothing was lost, and reloads itself; once the folder is
// back the desk opens it by itself and the sign-in page comes back, without a restart.
TEST_P(DeskStartIn, AStoreThatCannotBeOpenedAtStartIsSaidAndTheDeskComesBackByItself) {
  const std::string lang = GetParam();
  const auto tr = translations();
  DeskProcess desk("", "", {}, take_data_away);
  EXPECT_TRUE(desk.alive());
  Browser b = in_lang(desk, lang);
  HttpAnswer a = b.get("/signin");
  EXPECT_EQ(a.status, 503);
  EXPECT_TRUE(has(a.body, tr.get(lang, "desk.store_down_title"))) << a.body;
  EXPECT_TRUE(has(a.body, tr.get(lang, "desk.store_down"))) << a.body;
  EXPECT_NE(a.body.find("lang=\"" + lang + "\""), std::string::npos);
  EXPECT_NE(a.body.find("http-equiv=\"refresh\""), std::string::npos) << "the page tries again by itself";
  EXPECT_EQ(b.get("/console").status, 503);
  EXPECT_NE(desk.log().find("cannot open the data store"), std::string::npos) << desk.log();

  give_data_back(desk);
  const auto deadline = SteadyClock::now() + std::chrono::seconds(30);
  while (b.get("/signin").status != 200) {
    ASSERT_LT(SteadyClock::now(), deadline) << "the desk never opened the store again: " << desk.log();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // a polling step: the condition decides
  }
  EXPECT_NE(b.last_page.find("id=\"signin\""), std::string::npos);
  EXPECT_TRUE(b.sign_in("salma", "4821", 1, lang));
  EXPECT_NE(desk.log().find("the data store opens again"), std::string::npos) << desk.log();
}

INSTANTIATE_TEST_SUITE_P(Languages, DeskStartIn, ::testing::Values("ar", "zgh", "fr"));

// A write fails (the outbox is gone, as a damaged page would make it): the page says so; a reload while the store
// still fails says so again (never the console as it was before); once the store works, the reload shows what is
// really in it (she is still being served: nothing was saved).
TEST(DeskStoreFailure, AReloadAfterAFailedWriteShowsTheStoreNotAnOldPage) {
  DeskProcess desk;
  const auto tr = translations();
  desk.issue("jisr");
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1));
  ASSERT_EQ(b.post("/call-next", "csrf=" + b.csrf()).status, 303);
  b.get("/console");
  ASSERT_EQ(text_of(b.last_page, "current-number"), "A-001");
  const std::string csrf = b.csrf();
  const std::string outbox = desk.q("SELECT sql FROM sqlite_master WHERE name='outbox'");
  store::Database::open(desk.data() + "/shubbak.db").exec("DROP TABLE outbox");

  HttpAnswer served = b.post("/served", "csrf=" + csrf + "&outcome=info_given&note=");
  EXPECT_EQ(served.status, 503);
  EXPECT_TRUE(has(served.body, tr.get("fr", "counter.store_error"))) << served.body;
  HttpAnswer reload = b.get("/console");
  EXPECT_EQ(reload.status, 503) << "the store still fails: " << reload.body;
  EXPECT_TRUE(has(reload.body, tr.get("fr", "counter.store_error"))) << reload.body;

  store::Database::open(desk.data() + "/shubbak.db").exec(outbox);
  reload = b.get("/console");
  EXPECT_EQ(reload.status, 200) << reload.body;
  EXPECT_EQ(text_of(reload.body, "current-number"), "A-001") << "nothing was saved: she is still being served";
  EXPECT_EQ(desk.q("SELECT state FROM tickets WHERE number='A-001'"), "called");
  EXPECT_EQ(text_of(reload.body, "message"), escaped(tr.get("fr", "desk.not_saved")))
      << "the page says the last action was not saved: " << reload.body;
  EXPECT_EQ(text_of(b.get("/console").body, "message"), "") << "said once";
  EXPECT_TRUE(desk.alive());
}

// Issue 16: an appointment of yesterday still booked is marked missed when the desk starts (its upstream record
// written); today's, though its time has passed, is not. The log has counts only.
TEST(DeskHousekeeping, AnAppointmentOfAPastDayNotKeptIsMarkedMissedWhenTheDeskStarts) {
  std::string yesterday_id, today_id, her;
  int records_before = 0;
  DeskProcess desk("", "", {}, [&](DeskProcess& d) {
    // jisr takes appointments every day here, so that yesterday and today both have slots whatever the weekday.
    const fs::path file = fs::path(d.cfg()) / "catalog.conf";
    write_file(file, std::regex_replace(read_file(file), std::regex("slot_days = mon, tue, wed, thu, fri"),
                                        "slot_days = mon, tue, wed, thu, fri, sat, sun",
                                        std::regex_constants::format_first_only));
    CentreConfig config = CentreConfig::load(d.cfg());
    VisitorDetails hafsa;
    hafsa.name = "Hafsa Test";
    hafsa.phone = "0677777777";
    const std::string number = d.issue_registered("jisr", hafsa);
    her = d.q("SELECT visitor_id FROM tickets WHERE number='" + number + "'");
    store::Database db = store::open_store(d.data());
    AppointmentStore appointments(db, config.catalogue, config.settings);
    const TimeZone& zone = config.settings.zone;
    const std::string today = local_day(std::chrono::system_clock::now(), zone);
    const SlotPlan& plan = config.catalogue.service("jisr")->slots;
    const TimePoint y = slots_of_day(plan, add_days(today, -1), zone).front();
    const TimePoint t = slots_of_day(plan, today, zone).front();
    yesterday_id = std::get<Appointment>(appointments.book(her, "jisr", y, "", "salma", y - std::chrono::hours(1))).id;
    today_id = std::get<Appointment>(appointments.book(her, "jisr", t, "", "salma", t - std::chrono::hours(1))).id;
    records_before = std::stoi(d.q("SELECT count(*) FROM outbox WHERE kind='appointment'"));
  });
  EXPECT_EQ(desk.q("SELECT state FROM appointments WHERE id='" + yesterday_id + "'"), "missed");
  EXPECT_EQ(desk.q("SELECT state FROM appointments WHERE id='" + today_id + "'"), "booked") << "her day is not over";
  EXPECT_EQ(std::stoi(desk.q("SELECT count(*) FROM outbox WHERE kind='appointment'")), records_before + 1)
      << "the missed appointment's upstream record";
  const std::string log = desk.log();
  EXPECT_NE(log.find("1 appointment(s) of past days not kept: marked missed"), std::string::npos) << log;
  for (const std::string& personal : {std::string("Hafsa"), std::string("0677777777"), her, yesterday_id})
    EXPECT_EQ(log.find(personal), std::string::npos) << personal << " in the desk's log";
  desk.restart();
  EXPECT_EQ(std::stoi(desk.q("SELECT count(*) FROM outbox WHERE kind='appointment'")), records_before + 1)
      << "marked once";
}
