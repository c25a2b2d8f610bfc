// "I have an appointment" against a real store (schema 6): her booked appointment of today, by code, by phone or by
// CIN (keyed hashes); not another day's, not a kept or cancelled one.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/centre_settings.hpp"
#include "kiosk/app/appointment_lookup.hpp"
#include "store/data_dir.hpp"
#include "store/seal.hpp"
#include "store/uuid.hpp"

using namespace shubbak;
namespace fs = std::filesystem;

namespace {

class AppointmentLookup : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("shubbak-appt-" + store::new_uuid_v4());
    cfg.settings.sync.seal_public_key = store::to_base64(store::make_seal_keypair().public_key);
    db.emplace(store::open_store(dir.string()));
    ks.emplace(*db, cfg.catalogue, cfg.settings);
    IssueRequest req{"jisr", VisitorDetails{"Nezha", "0612345678", "AB123456", "1985", "Anfa", std::nullopt}, "", false};
    ks->issue(req, now);
    visitor = db->scalar_text("SELECT id FROM visitors");
  }
  void TearDown() override {
    ks.reset();
    db.reset();
    fs::remove_all(dir);
  }
  void book(const std::string& id, const std::string& code, TimePoint slot, const std::string& state = "booked") {
    const std::string at = to_rfc3339_utc(now);
    db->prepare("INSERT INTO appointments(id, visitor_id, service_id, day, slot_start, code, state, created_at, "
                "created_by, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?)")
        .bind(1, id).bind(2, visitor).bind(3, "incubator").bind(4, local_day(slot, zone())).bind(5, to_rfc3339_utc(slot))
        .bind(6, code).bind(7, state).bind(8, at).bind(9, "staff:salma").bind(10, at).run();
  }
  std::optional<ev::AppointmentFound> find(IdentityKind kind, const std::string& v) {
    return app::find_todays_appointment(*ks, kind, v, now, zone());
  }
  const TimeZone& zone() const { return cfg.settings.zone; }

  fs::path dir;
  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  TimePoint now = from_local(2026, 12, 1, 9, 10, cfg.settings.zone);
  std::optional<store::Database> db;
  std::optional<KioskStore> ks;
  std::string visitor;
};

TEST_F(AppointmentLookup, TodaysBookedAppointmentIsFoundByCodePhoneOrCin) {
  book("ap-today", "482913", from_local(2026, 12, 1, 9, 30, zone()));
  for (auto [kind, typed] : {std::pair{IdentityKind::AppointmentCode, "482913"},
                             std::pair{IdentityKind::Phone, "0612345678"}, std::pair{IdentityKind::Cin, "AB123456"}}) {
    auto found = find(kind, typed);
    ASSERT_TRUE(found) << identity_kind_name(kind);
    EXPECT_EQ(found->appointment_id, "ap-today");
    EXPECT_EQ(found->visitor_id, visitor);
    EXPECT_EQ(found->service_id, "incubator");
    EXPECT_EQ(found->time, "09:30") << "local time of the slot";
  }
}

TEST_F(AppointmentLookup, AnotherDaysOrANoLongerBookedAppointmentIsNotFound) {
  book("ap-tomorrow", "111111", from_local(2026, 12, 2, 9, 30, zone()));
  book("ap-kept", "222222", from_local(2026, 12, 1, 8, 30, zone()), "kept");
  book("ap-cancelled", "333333", from_local(2026, 12, 1, 10, 0, zone()), "cancelled");
  EXPECT_FALSE(find(IdentityKind::AppointmentCode, "111111")) << "a code finds only today's appointment";
  EXPECT_FALSE(find(IdentityKind::AppointmentCode, "222222"));
  EXPECT_FALSE(find(IdentityKind::AppointmentCode, "333333"));
  EXPECT_FALSE(find(IdentityKind::Phone, "0612345678"));
  EXPECT_FALSE(find(IdentityKind::AppointmentCode, "999999"));
  EXPECT_FALSE(find(IdentityKind::Phone, "0699999999"));
}

TEST_F(AppointmentLookup, OfTwoTodayTheEarlierIsHers) {
  book("ap-afternoon", "444444", from_local(2026, 12, 1, 14, 0, zone()));
  book("ap-morning", "555555", from_local(2026, 12, 1, 9, 0, zone()));
  auto found = find(IdentityKind::Phone, "0612345678");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->appointment_id, "ap-morning");
}

}  // namespace
