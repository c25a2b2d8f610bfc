#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "tests/integration/helpers.hpp"
#include "common/clock.hpp"
#include "store/schema.hpp"

using namespace shubbak::testing;

TEST(Admin, InitStatusAndSeed) {
  TempDir t;
  make_config(t.path / "cfg");
  std::string data = (t.path / "data").string(), cfg = (t.path / "cfg").string();
  Result r = run({bin("shubbak-admin"), "--data", data, "--config", cfg, "init"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({bin("shubbak-admin"), "--data", data, "--config", cfg, "status", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema"], shubbak::store::known_schema_version());
  EXPECT_TRUE(j["sync"]["last_success_at"].is_null());
  EXPECT_EQ(j["sync"]["quarantined"].size(), 0u);
  EXPECT_EQ(j["outbox"]["pending"], 0);
  EXPECT_EQ(j["tickets_today"], 0);

  r = run({bin("shubbak-admin"), "--data", data, "--config", cfg, "seed", "--registrations", "25"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  j = nlohmann::json::parse(run({bin("shubbak-admin"), "--data", data, "--config", cfg, "status", "--json"}).out);
  EXPECT_EQ(j["outbox"]["pending"], 50);  // a registration and a ticket event each
  EXPECT_EQ(j["outbox"]["sent"], 0);
  EXPECT_EQ(j["tickets_today"], 25);
  EXPECT_EQ(r.err.find("Synthetic"), std::string::npos) << "no personal data in logs";
}

TEST(Admin, BadUsageIsExplained) {
  Result r = run({bin("shubbak-admin"), "frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos);
  r = run({bin("shubbak-admin"), "seed", "--registrations", "lots"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("N must be a number"), std::string::npos);
}

TEST(Admin, AudioReportListsMissingClipsPerLanguage) {
  Result r = run({bin("shubbak-admin"), "--config", std::string(SHUBBAK_SOURCE_DIR) + "/config/demo", "audio-report"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ar: 0 recorded, "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("synthetic, 0 missing"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("missing zgh/prompt.catalogue.wav"), std::string::npos) << r.out;
}

TEST(Admin, StaffAccountsAndTheDaysReport) {
  TempDir t;
  make_config(t.path / "cfg");
  std::string data = (t.path / "data").string(), cfg = (t.path / "cfg").string();
  Result r = run({bin("shubbak-admin"), "--data", data, "--config", cfg, "staff", "add", "salma", "Salma B."}, "4821\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("4821"), std::string::npos);
  r = run({bin("shubbak-admin"), "--data", data, "--config", cfg, "staff", "add", "nora", "Nora"}, "12\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("a PIN has 4 to 8 digits"), std::string::npos);
  r = run({bin("shubbak-admin"), "--data", data, "--config", cfg, "staff", "reset-pin", "salma"}, "99887766\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = run({bin("shubbak-admin"), "--data", data, "--config", cfg, "staff", "remove", "nobody"});
  EXPECT_EQ(r.exit_code, 2);
  ASSERT_EQ(run({bin("shubbak-admin"), "--data", data, "--config", cfg, "seed", "--registrations", "18"}).exit_code, 0);
  // Today in the centre's zone (the demo centre's), as the seed wrote it.
  const std::string day =
      shubbak::local_day(std::chrono::system_clock::now(), shubbak::TimeZone::load("Africa/Casablanca"));
  r = run({bin("shubbak-admin"), "--data", data, "--config", cfg, "report", "--day", day, "--csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("day,service,tickets,served,no_shows,waiting,median_wait_min,p90_wait_min,info_given", 0), 0u);
  EXPECT_NE(r.out.find(day + ",jisr,2,0,0,2,"), std::string::npos) << r.out;  // 18 over 9 services
  EXPECT_EQ(r.out.find("Synthetic"), std::string::npos) << "counts only";
  r = run({bin("shubbak-admin"), "--data", data, "--config", cfg, "report", "--day", "yesterday"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Admin, OperatorCommandsCheckImportShowKeysAndBackUp) {
  TempDir t;
  make_sync_config(t.path / "cfg", "tYXy7VK7zlLJbO2kKbVU9NPMP+qmj7hdKYEL6PZ7Hz8=", "https://127.0.0.1:1", t.path / "nope.pem",
                   "secret-token");
  fs::permissions(t.path / "cfg/token", fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read);
  std::string data = (t.path / "data").string(), cfg = (t.path / "cfg").string();
  auto admin = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {bin("shubbak-admin"), "--data", data, "--config", cfg};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  };
  // config check: each problem with where and a fix.
  Result r = admin({"config", "check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("[sync] ca_file: " + (t.path / "nope.pem").string() + " does not exist"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("can be read by other users\n    fix: chmod 600"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 problem(s)"), std::string::npos) << r.out;
  write_file(t.path / "nope.pem", "x");
  fs::permissions(t.path / "cfg/token", fs::perms::owner_read | fs::perms::owner_write);
  r = admin({"config", "check"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  // keys show: the ids and the public key, a fingerprint of the token, never the token.
  r = admin({"keys", "show"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("tYXy7VK7zlLJbO2kKbVU9NPMP+qmj7hdKYEL6PZ7Hz8="), std::string::npos);
  EXPECT_NE(r.out.find("token fingerprint"), std::string::npos);
  EXPECT_EQ(r.out.find("secret-token"), std::string::npos);
  // catalog import: a broken file is refused and the old catalogue kept; a good one replaces it.
  std::string before = read_file(t.path / "cfg/catalog.conf");
  write_file(t.path / "bad.conf", "[service x]\nprefix = A\nunknown_key = 1\n");
  r = admin({"catalog", "import", (t.path / "bad.conf").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("bad.conf:"), std::string::npos) << r.out;
  EXPECT_EQ(read_file(t.path / "cfg/catalog.conf"), before);
  std::string next = before;
  next.replace(next.find("minutes_per_visitor"), 0, "# edited\n");
  write_file(t.path / "good.conf", next);
  r = admin({"catalog", "import", (t.path / "good.conf").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(read_file(t.path / "cfg/catalog.conf"), next);
  // backup: an online copy, private, that opens with the same rows.
  ASSERT_EQ(admin({"seed", "--registrations", "20"}).exit_code, 0);
  r = admin({"backup", (t.path / "copy.db").string()});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(fs::status(t.path / "copy.db").permissions() & fs::perms::others_read, fs::perms::none);
  auto copy = shubbak::store::Database::open((t.path / "copy.db").string());
  EXPECT_EQ(copy.scalar("SELECT count(*) FROM registrations"), 20);
}

// docs/exit-codes.md: the same numbers from every program.
TEST(Admin, ExitCodesSayWhatKindOfProblemItIs) {
  TempDir t;
  make_config(t.path / "cfg");
  std::string data = (t.path / "data").string(), cfg = (t.path / "cfg").string();
  Result r = run({bin("shubbak-admin"), "--data", data, "--config", (t.path / "no-such-folder").string(), "status"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("configuration error"), std::string::npos) << r.err;
  write_file(t.path / "data", "a file where the data folder should be");
  r = run({bin("shubbak-admin"), "--data", data, "--config", cfg, "status"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("data store error"), std::string::npos) << r.err;
  r = run({bin("shubbak-admin"), "--frobnicate"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

// Far from UTC the centre's day and the UTC day differ for hours: at 23:30 UTC it is already 13:30 the next day on
// Kiritimati (UTC+14). Tickets seeded then belong to the centre's day, and the report shows that day by default.
TEST(Admin, SeedAndReportUseTheCentresDay) {
  TempDir t;
  make_config(t.path / "cfg");
  std::string centre = read_file(t.path / "cfg/centre.conf");
  write_file(t.path / "cfg/centre.conf",
             std::regex_replace(centre, std::regex("timezone = .*"), "timezone = Pacific/Kiritimati"));
  std::string data = (t.path / "data").string(), cfg = (t.path / "cfg").string();
  auto admin_at = [&](const std::string& utc, std::vector<std::string> args) {
    // The process's own TZ says UTC: only the centre's zone may decide the day.
    std::vector<std::string> argv = {"/usr/bin/env", "TZ=UTC", "ASAN_OPTIONS=verify_asan_link_order=0",
                                     "/usr/bin/faketime", "-f", "@" + utc, bin("shubbak-admin"), "--data", data,
                                     "--config", cfg};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  };
  Result r = admin_at("2026-12-01 23:30:00", {"seed", "--registrations", "9"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto db = shubbak::store::Database::open(data + "/shubbak.db");
  EXPECT_EQ(db.scalar_text("SELECT group_concat(DISTINCT day) FROM tickets"), "2026-12-02");
  r = admin_at("2026-12-01 23:40:00", {"status", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["tickets_today"], 9);
  r = admin_at("2026-12-01 23:40:00", {"report", "--csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\n2026-12-02,jisr,1,0,0,1,"), std::string::npos) << r.out;
  // At 10:30 UTC it is 00:30 the day after on Kiritimati: a new day, nothing issued yet.
  r = admin_at("2026-12-02 10:30:00", {"report", "--csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\n2026-12-03,jisr,0,"), std::string::npos) << r.out;
}
