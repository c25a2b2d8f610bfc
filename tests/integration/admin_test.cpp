#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "helpers.hpp"

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
  EXPECT_EQ(j["schema"], 2);
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
