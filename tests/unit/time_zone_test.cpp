// The time zone as a value: read from /usr/share/zoneinfo by hand and compared with what `date` (glibc) says.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "common/clock.hpp"
#include "common/posix_tz.hpp"
#include "common/time_zone.hpp"

using namespace shubbak;

namespace {

TimePoint utc(int y, int mo, int d, int h, int mi) { return from_local(y, mo, d, h, mi, TimeZone::utc()); }

// glibc as the reference: TZ set for one zone while it lives (only this test sets TZ, and puts it back).
class GlibcZone {
 public:
  explicit GlibcZone(const std::string& zone) {
    if (const char* old = std::getenv("TZ")) saved_ = old;
    had_ = std::getenv("TZ") != nullptr;
    ::setenv("TZ", zone.c_str(), 1);
    ::tzset();
  }
  ~GlibcZone() {
    if (had_) ::setenv("TZ", saved_.c_str(), 1);
    else ::unsetenv("TZ");
    ::tzset();
  }
  std::tm at(TimePoint t) const {
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return tm;
  }

 private:
  std::string saved_;
  bool had_ = false;
};

std::string format(const std::tm& tm, const char* f) {
  char buf[32];
  std::strftime(buf, sizeof buf, f, &tm);
  return buf;
}

}  // namespace

// What `TZ=Africa/Casablanca date -d '... UTC'` prints: UTC+1, UTC+0 during Ramadan 2026 (15 Feb to 22 Mar).
TEST(TimeZone, CasablancaFollowsItsRamadanPeriods) {
  TimeZone casa = TimeZone::load("Africa/Casablanca");
  EXPECT_EQ(casa.name(), "Africa/Casablanca");
  EXPECT_EQ(casa.offset_at(utc(2026, 1, 10, 12, 0)), 3600);
  EXPECT_EQ(casa.offset_at(utc(2026, 2, 20, 12, 0)), 0);
  EXPECT_EQ(casa.offset_at(utc(2026, 3, 25, 12, 0)), 3600);
  EXPECT_EQ(casa.offset_at(utc(2026, 2, 15, 1, 59)), 3600);  // the change is at 02:00 UTC
  EXPECT_EQ(casa.offset_at(utc(2026, 2, 15, 2, 0)), 0);
  EXPECT_EQ(local_day(utc(2026, 11, 30, 23, 30), casa), "2026-12-01");
  EXPECT_EQ(local_hhmm(utc(2026, 11, 30, 23, 30), casa), "00:30");
  EXPECT_EQ(local_hhmm(utc(2090, 1, 1, 0, 0), casa), "01:00");  // after the file's last transition: "<+01>-1"
}

TEST(TimeZone, ParisAndUtc) {
  TimeZone paris = TimeZone::load("Europe/Paris"), u = TimeZone::load("UTC");
  EXPECT_EQ(local_hhmm(utc(2026, 1, 10, 12, 0), paris), "13:00");
  EXPECT_EQ(local_hhmm(utc(2055, 6, 1, 12, 0), paris), "14:00");  // summer, from the footer's rule
  EXPECT_EQ(local_hhmm(utc(2090, 1, 1, 0, 0), paris), "01:00");
  EXPECT_EQ(local_day(utc(2026, 12, 31, 23, 59), u), "2026-12-31");
  EXPECT_EQ(u.offset_at(utc(2026, 7, 1, 0, 0)), 0);
  EXPECT_EQ(TimeZone().offset_at(utc(2026, 7, 1, 0, 0)), 0);
}

// Every eleven hours (so at every hour of the day in turn) from 1960 to 2100, in zones with every kind
// of rule: listed transitions, fixed offsets, northern and southern summer time, half hours, the date line.
TEST(TimeZone, AgreesWithGlibcOverTwoCenturies) {
  for (const char* name : {"Africa/Casablanca", "Europe/Paris", "UTC", "Pacific/Kiritimati", "Australia/Sydney",
                           "America/Sao_Paulo", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"}) {
    TimeZone zone = TimeZone::load(name);
    GlibcZone glibc(name);
    int mismatches = 0;
    const TimePoint end = utc(2100, 1, 1, 0, 0);
    for (TimePoint t = utc(1960, 1, 1, 0, 0); t < end && mismatches < 5; t += std::chrono::hours(11)) {
      std::tm g = glibc.at(t);
      if (zone.offset_at(t) != g.tm_gmtoff || local_day(t, zone) != format(g, "%Y-%m-%d") ||
          local_hhmm(t, zone) != format(g, "%H:%M")) {
        ++mismatches;
        ADD_FAILURE() << name << " at " << to_rfc3339_utc(t) << ": ours " << zone.offset_at(t) << " "
                      << local_day(t, zone) << " " << local_hhmm(t, zone) << ", glibc " << g.tm_gmtoff << " "
                      << format(g, "%Y-%m-%d %H:%M");
      }
    }
  }
}

TEST(TimeZone, FromLocalIsTheInverse) {
  TimeZone casa = TimeZone::load("Africa/Casablanca"), paris = TimeZone::load("Europe/Paris");
  EXPECT_EQ(from_local(2026, 11, 30, 9, 0, casa), utc(2026, 11, 30, 8, 0));
  EXPECT_EQ(from_local(2026, 2, 20, 9, 0, casa), utc(2026, 2, 20, 9, 0));  // Ramadan: UTC+0
  EXPECT_EQ(from_local(2026, 7, 1, 0, 0, paris), utc(2026, 6, 30, 22, 0));
  // 29 March 2026, 02:30 does not exist in Paris (02:00 -> 03:00): read with the winter offset, it is 03:30.
  EXPECT_EQ(local_hhmm(from_local(2026, 3, 29, 2, 30, paris), paris), "03:30");
  // 25 October 2026, 02:30 happens twice: the first time, still in summer time.
  EXPECT_EQ(from_local(2026, 10, 25, 2, 30, paris), utc(2026, 10, 25, 0, 30));
}

TEST(TimeZone, NamesThatAreNotZonesAreRefusedWithWhatIsExpected) {
  for (const char* bad : {"", "Afrika/Casablanca", "Africa/casablanca", "/etc/passwd", "../../../etc/passwd",
                          "Africa/../Europe/Paris", "zone.tab", "Africa", "Africa/", "Europe/Paris "}) {
    try {
      TimeZone::load(bad);
      ADD_FAILURE() << "'" << bad << "' was accepted";
    } catch (const TimeZoneError& e) {
      EXPECT_NE(std::string(e.what()).find("such as Africa/Casablanca"), std::string::npos) << e.what();
    }
  }
}

TEST(TimeZone, DamagedFilesAreRefused) {
  EXPECT_THROW(TimeZone::from_tzif("X", ""), TimeZoneError);
  EXPECT_THROW(TimeZone::from_tzif("X", "TZif2 but nothing after"), TimeZoneError);
  std::string header(44, '\0');
  header.replace(0, 5, "TZif2");
  header[43] = 0;  // no local time types
  EXPECT_THROW(TimeZone::from_tzif("X", header + header + "\nUTC0\n"), TimeZoneError);
}

TEST(PosixTz, RulesOfTheFooters) {
  auto fixed = PosixTz::parse("<+01>-1");
  ASSERT_TRUE(fixed);
  EXPECT_EQ(fixed->offset_at(0), 3600);
  EXPECT_EQ(PosixTz::parse("<-0330>3:30")->offset_at(0), -3 * 3600 - 1800);
  auto paris = PosixTz::parse("CET-1CEST,M3.5.0,M10.5.0/3");
  ASSERT_TRUE(paris);
  const auto at = [](TimePoint t) { return std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count(); };
  EXPECT_EQ(paris->offset_at(at(utc(2030, 3, 31, 0, 59))), 3600);  // last Sunday of March 2030, 01:00 UTC
  EXPECT_EQ(paris->offset_at(at(utc(2030, 3, 31, 1, 0))), 7200);
  EXPECT_EQ(paris->offset_at(at(utc(2030, 10, 27, 0, 59))), 7200);
  EXPECT_EQ(paris->offset_at(at(utc(2030, 10, 27, 1, 0))), 3600);
  auto sydney = PosixTz::parse("AEST-10AEDT,M10.1.0,M4.1.0/3");
  ASSERT_TRUE(sydney);
  EXPECT_EQ(sydney->offset_at(at(utc(2050, 1, 15, 0, 0))), 11 * 3600);
  EXPECT_EQ(sydney->offset_at(at(utc(2050, 7, 15, 0, 0))), 10 * 3600);
  EXPECT_EQ(PosixTz::parse("EST5EDT")->offset_at(at(utc(2030, 7, 1, 0, 0))), -4 * 3600);  // glibc's default rule
  for (const char* bad : {"", "C", "CET", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0", "<+01", "CET-1 "})
    EXPECT_FALSE(PosixTz::parse(bad)) << bad;
}

// Ticket numbers restart at the centre's midnight whatever TZ the process was started with.
TEST(TimeZone, TheDayIgnoresTheProcessTz) {
  TimeZone kiritimati = TimeZone::load("Pacific/Kiritimati");
  ::setenv("TZ", "America/Los_Angeles", 1);
  ::tzset();
  EXPECT_EQ(local_day(utc(2026, 12, 1, 23, 30), kiritimati), "2026-12-02");
  ::unsetenv("TZ");
  ::tzset();
  EXPECT_EQ(local_day(utc(2026, 12, 1, 23, 30), kiritimati), "2026-12-02");
}
