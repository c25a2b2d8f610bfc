#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "schema.hpp"

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
  EXPECT_EQ(j["sync"]["set_aside"].size(), 0u);
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
  std::time_t now = std::time(nullptr);
  char day[16];
  std::strftime(day, sizeof day, "%Y-%m-%d", std::localtime(&now));
  r = run({bin("shubbak-admin"), "--data", data, "--config", cfg, "report", "--day", day, "--csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("day,service,tickets,served,no_shows,waiting,median_wait_min,p90_wait_min,info_given", 0), 0u);
  EXPECT_NE(r.out.find(std::string(day) + ",jisr,2,0,0,2,"), std::string::npos) << r.out;  // 18 over 9 services
  EXPECT_EQ(r.out.find("Synthetic"), std::string::npos) << "counts only";
  r = run({bin("shubbak-admin"), "--data", data, "--config", cfg, "report", "--day", "yesterday"});
  EXPECT_EQ(r.exit_code, 2);
}
