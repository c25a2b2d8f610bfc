// The slots of a local day and the next free one, from a service's SlotPlan (pure: no store).
#include <gtest/gtest.h>

#include "common/centre_settings.hpp"
#include "kiosk/core/appointment_slots.hpp"

using namespace shubbak;

class SlotsTest : public ::testing::Test {
 protected:
  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  const TimeZone& zone = cfg.settings.zone;
  const SlotPlan& jisr = cfg.catalogue.service("jisr")->slots;  // 30 min, 2 per slot, 09-12 and 14-16, mon-fri
};

TEST(Days, WeekdaysAndCalendarArithmetic) {
  EXPECT_EQ(weekday_of_day("2026-11-30"), 1);  // a Monday
  EXPECT_EQ(weekday_of_day("2026-12-06"), 0);
  EXPECT_EQ(weekday_of_day("1969-12-31"), 3);
  EXPECT_EQ(weekday_of_day("30/11/2026"), -1);
  EXPECT_EQ(add_days("2026-11-30", 1), "2026-12-01");
  EXPECT_EQ(add_days("2026-12-31", 1), "2027-01-01");
  EXPECT_EQ(add_days("2028-02-28", 1), "2028-02-29");
  EXPECT_EQ(add_days("2026-03-01", -1), "2026-02-28");
}

TEST_F(SlotsTest, ADaysSlotsFollowTheHoursInTheCentresZone) {
  auto s = slots_of_day(jisr, "2026-11-30", zone);
  ASSERT_EQ(s.size(), 10u) << "6 in the morning, 4 in the afternoon";
  EXPECT_EQ(s.front(), from_local(2026, 11, 30, 9, 0, zone));
  EXPECT_EQ(s[5], from_local(2026, 11, 30, 11, 30, zone));
  EXPECT_EQ(s[6], from_local(2026, 11, 30, 14, 0, zone));
  EXPECT_EQ(s.back(), from_local(2026, 11, 30, 15, 30, zone)) << "the last slot ends at 16:00";
  EXPECT_EQ(local_hhmm(s.front(), zone), "09:00");
  EXPECT_TRUE(slots_of_day(jisr, "2026-12-05", zone).empty()) << "no slots on Saturday";
  EXPECT_TRUE(slots_of_day(cfg.catalogue.service("literacy")->slots, "2026-11-30", zone).empty());
  EXPECT_TRUE(is_slot_start(jisr, from_local(2026, 11, 30, 10, 30, zone), zone));
  EXPECT_FALSE(is_slot_start(jisr, from_local(2026, 11, 30, 10, 15, zone), zone));
  EXPECT_FALSE(is_slot_start(jisr, from_local(2026, 11, 30, 12, 0, zone), zone)) << "the lunch break";
}

TEST_F(SlotsTest, TheNextFreeSlotSkipsFullSlotsTheBreakAndTheWeekend) {
  std::map<std::string, int> booked{{to_rfc3339_utc(from_local(2026, 11, 30, 10, 0, zone)), 2},
                                    {to_rfc3339_utc(from_local(2026, 11, 30, 10, 30, zone)), 1}};
  EXPECT_EQ(next_free_slot(jisr, from_local(2026, 11, 30, 10, 0, zone), booked, zone),
            from_local(2026, 11, 30, 10, 30, zone)) << "one place left at 10:30";
  EXPECT_EQ(next_free_slot(jisr, from_local(2026, 11, 30, 11, 40, zone), {}, zone),
            from_local(2026, 11, 30, 14, 0, zone));
  EXPECT_EQ(next_free_slot(jisr, from_local(2026, 12, 4, 15, 45, zone), {}, zone),
            from_local(2026, 12, 7, 9, 0, zone)) << "Friday afternoon over: Monday morning";
  EXPECT_FALSE(next_free_slot(cfg.catalogue.service("literacy")->slots, from_local(2026, 11, 30, 9, 0, zone), {}, zone));
}
