// Accessibility of every visitor screen, from the --audit of the screenshot tour, in every language, portrait and
// landscape: touch targets >= 15 mm, text contrast >= 7:1, text line height >= 8 mm, and the quick journey in at
// most 3 taps after the language.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "tests/integration/helpers.hpp"

using namespace shubbak::testing;
using nlohmann::json;

static double channel(int c) {
  double v = c / 255.0;
  return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}
static double luminance(const std::string& hex) {
  int r = std::stoi(hex.substr(1, 2), nullptr, 16), g = std::stoi(hex.substr(3, 2), nullptr, 16),
      b = std::stoi(hex.substr(5, 2), nullptr, 16);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
static double contrast(const std::string& a, const std::string& b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

class Accessibility : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(Accessibility, EveryVisitorScreenOfTheTour) {
  auto [lang, size] = GetParam();
  TempDir t;
  make_config(t.path / "cfg");
  std::string script = std::regex_replace(read_file(fs::path(SHUBBAK_SOURCE_DIR) / "scripts/tour.script"),
                                          std::regex("LANG"), lang);
  write_file(t.path / "tour.script", script);
  Result r = run({bin("shubbak-kiosk"), "--headless", "--size", size, "--lang", lang, "--data",
                  (t.path / "data").string(), "--config", (t.path / "cfg").string(), "--script",
                  (t.path / "tour.script").string(), "--shots", (t.path / "shots").string(), "--audit",
                  (t.path / "audit.jsonl").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(read_file(t.path / "audit.jsonl"));
  std::set<std::string> screens;
  int buttons = 0, texts = 0;
  for (std::string line; std::getline(in, line);) {
    json shot = json::parse(line);
    screens.insert(shot["screen"]);
    double ppm = shot["px_per_mm"];
    // No two buttons overlap: a finger must never hit one meaning another.
    std::vector<json> btns;
    for (const auto& w : shot["widgets"])
      if (w["role"] == "button") btns.push_back(w);
    for (size_t a = 0; a < btns.size(); ++a)
      for (size_t b = a + 1; b < btns.size(); ++b) {
        const auto &ra = btns[a]["rect"], &rb = btns[b]["rect"];
        double ox = std::min(ra[0].get<double>() + ra[2].get<double>(), rb[0].get<double>() + rb[2].get<double>()) -
                    std::max(ra[0].get<double>(), rb[0].get<double>());
        double oy = std::min(ra[1].get<double>() + ra[3].get<double>(), rb[1].get<double>() + rb[3].get<double>()) -
                    std::max(ra[1].get<double>(), rb[1].get<double>());
        EXPECT_FALSE(ox > 1 && oy > 1) << shot["shot"] << ": " << btns[a]["id"] << " overlaps " << btns[b]["id"];
      }
    for (const auto& w : shot["widgets"]) {
      std::string id = w["id"], role = w["role"];
      std::string where = shot["shot"].get<std::string>() + " " + id;
      if (role == "button") {
        ++buttons;
        EXPECT_GE(w["rect"][2].get<double>() / ppm, 15.0) << where << ": target too narrow";
        EXPECT_GE(w["rect"][3].get<double>() / ppm, 15.0) << where << ": target too low";
      }
      if (role == "button" || role == "text") {
        if (w["label"].get<std::string>().empty()) continue;
        ++texts;
        EXPECT_GE(contrast(w["fg"], w["bg"]), 7.0) << where << " " << w["fg"] << " on " << w["bg"];
        EXPECT_GE(w["text_px"].get<double>() * 1.25 / ppm, 8.0) << where << ": text line under 8 mm";
      }
    }
  }
  for (const char* s : {"welcome", "catalogue", "help", "service", "form", "checkin", "consent", "ticket", "more_time"})
    EXPECT_TRUE(screens.count(s)) << "the tour must visit " << s;
  EXPECT_GT(buttons, 100);
  EXPECT_GT(texts, 100);
}

INSTANTIATE_TEST_SUITE_P(AllLanguagesBothOrientations, Accessibility,
                         ::testing::Combine(::testing::Values("ar", "zgh", "fr"),
                                            ::testing::Values("1080x1920", "1920x1080")),
                         [](const auto& info) {
                           std::string s = std::get<0>(info.param) + "_" + std::get<1>(info.param);
                           return std::regex_replace(s, std::regex("[^a-zA-Z0-9]"), "_");
                         });

// The main job in at most 3 taps after choosing the language: a service, then "get a ticket".
TEST(Journey, QuickTicketTakesTwoTapsAfterTheLanguage) {
  TempDir t;
  make_config(t.path / "cfg");
  write_file(t.path / "s.txt", "tap lang.ar\ntap service.social\ntap action.ticket\nexpect screen ticket\n");
  Result r = run({bin("shubbak-kiosk"), "--headless", "--data", (t.path / "data").string(), "--config",
                  (t.path / "cfg").string(), "--script", (t.path / "s.txt").string(), "--shots",
                  (t.path / "shots").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}
