// Each role of shubbak-kiosk in its own words when the data store cannot be opened, and a refused catalogue at start
// that falls back on the last good one — real processes, headless, read through the audit file. (The staff's words
// for the same: tests/desk/desk_console_test.cpp.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/exit_codes.hpp"
#include "common/i18n.hpp"
#include "store/database.hpp"
#include "tests/integration/helpers.hpp"

using namespace shubbak::testing;
using nlohmann::json;

namespace {

shubbak::Translations translations() { return shubbak::Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n"); }

// The last audit line (the last shot) of a run.
json last_shot(const fs::path& audit) {
  std::string text = read_file(audit), line, last;
  std::istringstream in(text);
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  return json::parse(last);
}

std::string label_of(const json& shot, const std::string& id) {
  for (const auto& w : shot["widgets"])
    if (w["id"] == id) return w["label"];
  return "<absent>";
}

bool any_label_is(const json& shot, const std::string& text) {
  for (const auto& w : shot["widgets"])
    if (w["label"] == text) return true;
  return false;
}

}  // namespace

class Roles : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { make_config(t.path / "cfg"); }
  Result kiosk(const std::string& role, const std::string& data, const std::string& script,
               const std::string& size = "1080x1920") {
    write_file(t.path / "script.txt", script);
    return run({bin("shubbak-kiosk"), "--headless", "--role", role, "--lang", GetParam(), "--size", size, "--data",
                data, "--config", cfg(), "--script", (t.path / "script.txt").string(), "--shots",
                (t.path / "shots").string(), "--audit", audit().string()});
  }
  // A data folder that cannot be made: its parent is a file.
  std::string broken_data() {
    write_file(t.path / "not-a-folder", "x");
    return (t.path / "not-a-folder" / "data").string();
  }
  std::string cfg() const { return (t.path / "cfg").string(); }
  fs::path audit() const { return t.path / "audit.jsonl"; }
  std::string q(const std::string& sql) {
    auto db = shubbak::store::Database::open((t.path / "data").string() + "/shubbak.db");
    return db.scalar_text(sql);
  }
  TempDir t;
};

TEST_P(Roles, DisplayAsksTheHallToWaitWithoutTechnicalWords) {
  const std::string lang = GetParam();
  const auto tr = translations();
  Result r = kiosk("display", broken_data(), "shot display-down\n", "1920x1080");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json shot = last_shot(audit());
  EXPECT_EQ(shot["screen"], "display_out_of_service");
  EXPECT_EQ(label_of(shot, "screen.title"), tr.get(lang, "display.title"));
  EXPECT_EQ(label_of(shot, "out_of_service.body"), tr.get(lang, "display.please_wait"));
  EXPECT_FALSE(any_label_is(shot, tr.get(lang, "store_error.body")));
  EXPECT_FALSE(any_label_is(shot, tr.get(lang, "counter.store_error"))) << "no staff words in the hall";
  for (const auto& w : shot["widgets"]) EXPECT_NE(w["role"], "button") << "nothing to tap on the wall";
}

TEST_P(Roles, VisitorIsStillSentToTheCounter) {
  const std::string lang = GetParam();
  Result r = kiosk("visitor", broken_data(), "shot visitor-down\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json shot = last_shot(audit());
  EXPECT_EQ(shot["screen"], "store_error");
  EXPECT_EQ(label_of(shot, "store_error.body"), translations().get(lang, "store_error.body"));
  // No button that cannot work without the store: "call staff" could not be saved, "home" leads nowhere.
  for (const auto& w : shot["widgets"]) {
    EXPECT_NE(w["id"], "call_staff") << "an alert cannot be saved while the store is down";
    EXPECT_NE(w["id"], "nav.home");
  }
}

INSTANTIATE_TEST_SUITE_P(Languages, Roles, ::testing::Values("ar", "zgh", "fr"));

class LastGoodCatalogue : public Roles {};

// A good start keeps the catalogue beside itself; a refused one at the next start falls back on it (the log says
// so, and the alert that every desk shows is open: DeskCatalogue in tests/desk); with no good copy either, the
// kiosk exits with the configuration code.
TEST_P(LastGoodCatalogue, ARefusedCatalogueAtStartFallsBackOnTheLastGoodOne) {
  const std::string lang = GetParam(), data = (t.path / "data").string();
  const fs::path file = t.path / "cfg" / "catalog.conf", good = t.path / "cfg" / "catalog.conf.good";
  const std::string original = read_file(file);
  ASSERT_EQ(kiosk("visitor", data, "expect screen welcome\n").exit_code, 0);
  ASSERT_TRUE(fs::exists(good)) << "a catalogue accepted is kept as the last good one";
  EXPECT_EQ(read_file(good), original);

  std::string bad = original;
  ASSERT_NE(bad.find("prefix = B"), std::string::npos);
  bad.replace(bad.find("prefix = B"), 10, "prefix = A");  // two services with the letter A: refused
  write_file(file, bad);
  Result r = kiosk("visitor", data,
                   "tap lang." + lang + "\ntap service.literacy\ntap action.ticket\nexpect text ticket.number D-001\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("started with the last good one, " + good.string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("prefix: 'A' is already used"), std::string::npos) << "the log says why: " << r.err;
  EXPECT_EQ(read_file(good), original) << "the refused catalogue is not kept as good";

  EXPECT_EQ(q("SELECT count(*) FROM alerts WHERE kind='catalogue_fallback' AND resolved_at IS NULL"), "1")
      << "the desks say so";

  fs::remove(good);
  r = kiosk("visitor", data, "expect screen welcome\n");
  EXPECT_EQ(r.exit_code, shubbak::exit_code::kConfig) << r.err;
  EXPECT_NE(r.err.find("prefix: 'A' is already used"), std::string::npos) << r.err;
}

TEST_P(LastGoodCatalogue, AnAcceptedCatalogueResolvesTheDesksAlert) {
  const std::string data = (t.path / "data").string();
  const fs::path file = t.path / "cfg" / "catalog.conf";
  const std::string original = read_file(file);
  ASSERT_EQ(kiosk("visitor", data, "expect screen welcome\n").exit_code, 0);
  std::string bad = original;
  bad.replace(bad.find("prefix = B"), 10, "prefix = A");
  write_file(file, bad);
  ASSERT_EQ(kiosk("visitor", data, "expect screen welcome\n").exit_code, 0);
  EXPECT_EQ(q("SELECT count(*) FROM alerts WHERE kind='catalogue_fallback' AND resolved_at IS NULL"), "1");
  write_file(file, original);
  ASSERT_EQ(kiosk("visitor", data, "expect screen welcome\n").exit_code, 0);
  EXPECT_EQ(q("SELECT count(*) FROM alerts WHERE kind='catalogue_fallback' AND resolved_at IS NULL"), "0");
}

INSTANTIATE_TEST_SUITE_P(Languages, LastGoodCatalogue, ::testing::Values("fr", "ar"));

TEST(KioskExitCodes, UsageIsTwo) {
  Result r = run({bin("shubbak-kiosk"), "--role", "nobody"});
  EXPECT_EQ(r.exit_code, shubbak::exit_code::kUsage) << r.err;
}

// The ImGui staff console is retired: an operator (or an old unit file) that still asks for it is told where the
// console went and where to read how, and nothing starts (a usage error, so systemd's log says why).
TEST(KioskExitCodes, TheRetiredCounterRoleSaysTheConsoleIsNowTheDeskInTheBrowser) {
  TempDir t;
  make_config(t.path / "cfg");
  write_file(t.path / "s.txt", "shot any\n");
  Result r = run({bin("shubbak-kiosk"), "--headless", "--role", "counter", "--data", (t.path / "data").string(),
                  "--config", (t.path / "cfg").string(), "--script", (t.path / "s.txt").string(), "--shots",
                  (t.path / "shots").string()});
  EXPECT_EQ(r.exit_code, shubbak::exit_code::kUsage) << r.err;
  EXPECT_NE(r.err.find("--role counter is retired"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("shubbak-desk"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("browser"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("docs/desk.md"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(t.path / "data" / "shubbak.db")) << "nothing started";
}
