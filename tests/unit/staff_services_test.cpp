// Staff services (who may read a sensitive service's notes) and the report's accompaniment lines (issue 16).
#include <gtest/gtest.h>

#include "accompaniment_fixture.hpp"
#include "kiosk/admin/accompaniment_report.hpp"
#include "kiosk/store/referral_store.hpp"

using namespace shubbak;
using shubbak::testing::AccompanimentTest;

TEST_F(AccompanimentTest, StaffServicesAreCheckedAgainstTheCatalogueWithClearWords) {
  StaffStore staff(*db);
  try {
    StaffStore::check_services({"jisr", "listenning"}, cfg.catalogue);
    ADD_FAILURE() << "a misspelt service must be refused";
  } catch (const std::invalid_argument& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("'listenning' is not a service of the catalogue"), std::string::npos) << what;
    EXPECT_NE(what.find("listening"), std::string::npos) << "names the services it has: " << what;
  }
  EXPECT_THROW(StaffStore::check_services({"jisr", "jisr"}, cfg.catalogue), std::invalid_argument);
  EXPECT_NO_THROW(StaffStore::check_services({"jisr", "listening"}, cfg.catalogue));
  EXPECT_EQ(split_services(" jisr, listening ,,"), (std::vector<std::string>{"jisr", "listening"}));
  staff.add("hind", "Hind", "4821", clock.now(), {"listening", "legal"});
  staff.add("salma", "Salma", "4821", clock.now());
  EXPECT_EQ(staff.services_of("hind"), (std::vector<std::string>{"listening", "legal"}));
  EXPECT_TRUE(staff.services_of("salma").empty());
  staff.set_services("salma", {"jisr"}, clock.now());
  auto all = staff.list();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].login, "hind");
  EXPECT_EQ(all[1].services, std::vector<std::string>{"jisr"});
  staff.remove("hind", clock.now());
  EXPECT_TRUE(staff.services_of("hind").empty()) << "a removed account reads no sensitive notes";
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action='staff_services' AND subject='salma'"), 1);
  NoteAccess jisr_staff(cfg.catalogue, {"jisr"});
  EXPECT_TRUE(jisr_staff.may_read("legal", false));
  EXPECT_FALSE(jisr_staff.may_read("listening", false));
  EXPECT_FALSE(jisr_staff.may_read("legal", true)) << "sensitive when it was written";
  EXPECT_FALSE(jisr_staff.may_read("gone_service", false)) << "a service no longer listed: as sensitive";
}

TEST_F(AccompanimentTest, TheReportCountsAppointmentsReferralsAndMilestonesOfTheDay) {
  std::string a = register_woman("jisr", "0611223344");
  std::string b = register_woman("jisr", "0622334455");
  auto book = [&](const std::string& v, const std::string& service, int day, const std::string& state, int late) {
    const TimePoint slot = from_local(2026, 12, day, 10, 0, cfg.settings.zone);
    db->prepare("INSERT INTO appointments(id, visitor_id, service_id, day, slot_start, code, state, late, "
                "created_at, created_by, updated_at) VALUES(?,?,?,?,?,?,?,?,?,'salma',?)")
        .bind(1, store::new_uuid_v4()).bind(2, v).bind(3, service).bind(4, local_day(slot, cfg.settings.zone))
        .bind(5, to_rfc3339_utc(slot)).bind(6, std::to_string(100000 + count("SELECT count(*) FROM appointments")))
        .bind(7, state).bind(8, late).bind(9, to_rfc3339_utc(clock.now())).bind(10, to_rfc3339_utc(clock.now())).run();
  };
  book(a, "jisr", 1, "kept", 0);
  book(b, "jisr", 1, "kept", 1);
  book(a, "training", 1, "missed", 0);
  book(b, "training", 1, "cancelled", 0);
  book(a, "jisr", 1, "booked", 0);
  book(b, "jisr", 2, "booked", 0);  // another day
  ReferralStore rs(*db, cfg.catalogue, cfg.settings);
  std::string r1 = rs.refer_internal(a, "jisr", "incubator", "projet", "salma", clock.now());
  rs.refer_internal(b, "jisr", "incubator", "projet", "salma", clock.now());
  rs.accept(r1, "nora", clock.now());
  consent(a, "share", true);
  std::string r3 = rs.refer_external(a, "jisr", "afak", "financement", "salma", clock.now());
  rs.decline(r3, "no_place", "salma", clock.now());
  serve(db->scalar_text("SELECT id FROM tickets ORDER BY rowid LIMIT 1"), "jisr_registered", "", "salma");
  serve(db->scalar_text("SELECT id FROM tickets ORDER BY rowid DESC LIMIT 1"), "jisr_registered", "", "salma");
  clock.advance(std::chrono::hours(24));  // the next day: accepted one completed
  rs.complete(r1, "nora", clock.now());

  auto counts = admin::accompaniment_counts(*db, "2026-12-01", cfg.settings.zone);
  const auto& day = counts[""];
  EXPECT_EQ(day.kept, 2);
  EXPECT_EQ(day.late, 1);
  EXPECT_EQ(day.missed, 1);
  EXPECT_EQ(day.cancelled, 1);
  EXPECT_EQ(day.booked, 1);
  EXPECT_EQ(counts["training"].missed, 1) << "per service too";
  std::string text = admin::accompaniment_text(day);
  EXPECT_NE(text.find("appointments of the day: 2 kept (1 late), 1 missed, 1 cancelled, 1 still booked"),
            std::string::npos) << text;
  EXPECT_NE(text.find("  proposed                          2        1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  accepted                          1        0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  declined                          0        1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  completed                         0        0\n"), std::string::npos) << "done the next day";
  EXPECT_NE(text.find("milestones reached this day: registered 2, coached 0,"), std::string::npos) << text;
  EXPECT_EQ(text.find("projet"), std::string::npos) << "counts only";
  auto next = admin::accompaniment_counts(*db, "2026-12-02", cfg.settings.zone);
  EXPECT_NE(admin::accompaniment_text(next[""]).find("  completed                         1        0\n"),
            std::string::npos) << admin::accompaniment_text(next[""]);
  EXPECT_EQ(next[""].booked, 1);
  const std::string header = admin::accompaniment_csv_header();
  const std::string values = admin::accompaniment_csv_values(counts["jisr"]);
  EXPECT_EQ(std::count(header.begin(), header.end(), ','), std::count(values.begin(), values.end(), ','));
  EXPECT_EQ(values.rfind(",1,2,1,0,0,2,1,0,0,0,1,0,1,0,0,2,0,0,0,0", 0), 0u) << header << "\n" << values;
}
