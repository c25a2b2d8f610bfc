// shubbak-admin's accompaniment commands (issue 16), the real executable on a real data folder: staff services
// checked against the catalogue, `staff list`, the report's new lines.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/time_zone.hpp"
#include "tests/integration/helpers.hpp"

using namespace shubbak::testing;

TEST(AdminAccompaniment, StaffServicesAreCheckedListedAndTheReportHasTheAccompanimentLines) {
  TempDir t;
  make_config(t.path / "cfg");
  const std::string data = (t.path / "data").string(), cfg = (t.path / "cfg").string();
  auto admin = [&](std::vector<std::string> args, const std::string& in = "") {
    std::vector<std::string> argv{bin("shubbak-admin"), "--data", data, "--config", cfg};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, in);
  };
  Result r = admin({"staff", "add", "hind", "Hind A.", "--services", "listening,legl"}, "4821\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'legl' is not a service of the catalogue; its services are: jisr,"), std::string::npos)
      << r.err;
  r = admin({"staff", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("hind"), std::string::npos) << "nothing added when a service is wrong";
  r = admin({"staff", "add", "hind", "Hind A.", "--services", "listening, legal"}, "4821\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(admin({"staff", "add", "salma", "Salma B."}, "4821\n").exit_code, 0);
  r = admin({"staff", "services", "salma", "jisr"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = admin({"staff", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("listening,legal"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("salma            Salma B.                 active   jisr"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("argon2"), std::string::npos);

  const std::string day =
      shubbak::local_day(std::chrono::system_clock::now(), shubbak::TimeZone::load("Africa/Casablanca"));
  r = admin({"report", "--day", day});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("appointments of the day: 0 kept (0 late), 0 missed, 0 cancelled, 0 still booked"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("referrals this day"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("milestones reached this day: registered 0,"), std::string::npos) << r.out;
  r = admin({"report", "--day", day, "--csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(",appointments_booked,appointments_kept,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(",milestone_project_started\n"), std::string::npos) << r.out;
}
