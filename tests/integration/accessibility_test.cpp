// Accessibility of every kiosk screen, from the --audit of the screenshot tour, in every language, portrait and
// landscape (the staff's desk pages: tests/browser/test_accessibility.py): touch targets at least the configured
// min_target_mm, text contrast >= 7:1, text lines at least the configured body_line_mm, no button overlapping
// another, every label's text inside its widget; and the quick journey in at most 3 taps after the language.
#include <gtest/gtest.h>

#include <fstream>

#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "store/database.hpp"
#include "tests/integration/helpers.hpp"

using namespace shubbak::testing;
using nlohmann::json;

namespace {

double channel(int c) {
  double v = c / 255.0;
  return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}
double luminance(const std::string& hex) {
  int r = std::stoi(hex.substr(1, 2), nullptr, 16), g = std::stoi(hex.substr(3, 2), nullptr, 16),
      b = std::stoi(hex.substr(5, 2), nullptr, 16);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
double contrast(const std::string& a, const std::string& b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

struct Box {
  double x, y, w, h;
  explicit Box(const json& r) : x(r[0]), y(r[1]), w(r[2]), h(r[3]) {}
  // Inside `o`, give or take a pixel of rounding.
  bool inside(const Box& o) const { return x >= o.x - 1 && y >= o.y - 1 && x + w <= o.x + o.w + 1 && y + h <= o.y + o.h + 1; }
  double overlap(const Box& o, bool vertical) const {
    return vertical ? std::min(y + h, o.y + o.h) - std::max(y, o.y) : std::min(x + w, o.x + o.w) - std::max(x, o.x);
  }
};

// What the tests read from the config the kiosk runs with: the floors it must honour.
struct Floors {
  double target_mm, line_mm;
};
Floors floors_of(const fs::path& cfg) {
  shubbak::Tuning t = shubbak::Settings::load((cfg / "centre.conf").string()).tuning;
  return {t.min_target_mm, t.body_line_mm};
}

struct Counts {
  std::set<std::string> screens;
  int buttons = 0, texts = 0;
};

// No two buttons overlap: a finger must never hit one meaning another.
void check_overlaps(const json& shot) {
  std::vector<json> btns;
  for (const auto& w : shot["widgets"])
    if (w["role"] == "button") btns.push_back(w);
  for (size_t a = 0; a < btns.size(); ++a)
    for (size_t b = a + 1; b < btns.size(); ++b) {
      Box ra(btns[a]["rect"]), rb(btns[b]["rect"]);
      EXPECT_FALSE(ra.overlap(rb, false) > 1 && ra.overlap(rb, true) > 1)
          << shot["shot"] << ": " << btns[a]["id"] << " overlaps " << btns[b]["id"];
    }
}

void check_widget(const json& shot, const json& w, const Floors& f, Counts& n) {
  const double ppm = shot["px_per_mm"];
  const std::string role = w["role"], where = shot["shot"].get<std::string>() + " " + w["id"].get<std::string>();
  const Box rect(w["rect"]);
  if (role == "button") {
    ++n.buttons;
    EXPECT_GE(rect.w / ppm, f.target_mm - 0.01) << where << ": target too narrow";
    EXPECT_GE(rect.h / ppm, f.target_mm - 0.01) << where << ": target too low";
  }
  if (role != "button" && role != "text") return;
  const std::string label = w["label"];
  if (label.empty()) return;
  ++n.texts;
  EXPECT_GE(contrast(w["fg"], w["bg"]), 7.0) << where << " " << w["fg"] << " on " << w["bg"];
  EXPECT_GE(w["text_px"].get<double>() * 1.25 / ppm, f.line_mm - 0.01) << where << ": text line too low";
  ASSERT_TRUE(w.contains("text_rect")) << where;
  const Box drawn(w["text_rect"]);
  EXPECT_TRUE(drawn.inside(rect)) << where << ": the text " << w["text_rect"] << " leaves its widget " << w["rect"]
                                  << " (" << label << ")";
  const Box screen(json::array({0, 0, shot["size"][0], shot["size"][1]}));
  EXPECT_TRUE(drawn.inside(screen)) << where << ": the text " << w["text_rect"] << " leaves the screen";
}

Counts check_audit(const fs::path& audit, const Floors& f) {
  Counts n;
  std::istringstream in(read_file(audit));
  for (std::string line; std::getline(in, line);) {
    json shot = json::parse(line);
    n.screens.insert(shot["screen"]);
    check_overlaps(shot);
    for (const auto& w : shot["widgets"]) check_widget(shot, w, f, n);
  }
  return n;
}

using Param = std::tuple<std::string, std::string>;  // language, size
std::string param_name(const ::testing::TestParamInfo<Param>& info) {
  std::string s = std::get<0>(info.param) + "_" + std::get<1>(info.param);
  return std::regex_replace(s, std::regex("[^a-zA-Z0-9]"), "_");
}

class Accessibility : public ::testing::TestWithParam<Param> {
 protected:
  void SetUp() override { make_config(cfg()); }
  Result kiosk(const std::string& role, const std::string& script) {
    auto [lang, size] = GetParam();
    write_file(t.path / (role + ".script"), std::regex_replace(script, std::regex("LANG"), lang));
    return run({bin("shubbak-kiosk"), "--headless", "--role", role, "--size", size, "--lang", lang, "--data",
                (t.path / "data").string(), "--config", cfg().string(), "--script",
                (t.path / (role + ".script")).string(), "--shots", (t.path / "shots").string(), "--audit", audit(role)});
  }
  std::string audit(const std::string& role) const { return (t.path / (role + ".jsonl")).string(); }
  fs::path cfg() const { return t.path / "cfg"; }
  TempDir t;
};

TEST_P(Accessibility, EveryVisitorScreenOfTheTour) {
  Result r = kiosk("visitor", read_file(fs::path(SHUBBAK_SOURCE_DIR) / "scripts/tour.script"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Counts n = check_audit(audit("visitor"), floors_of(cfg()));
  for (const char* s : {"welcome", "catalogue", "help", "service", "form", "checkin", "consent", "appointment", "ticket",
                        "more_time"})
    EXPECT_TRUE(n.screens.count(s)) << "the tour must visit " << s;
  EXPECT_GT(n.buttons, 100);
  EXPECT_GT(n.texts, 100);
}

// "I have an appointment" found (issue 16): by phone from the welcome screen, by code from a service; each gives her
// ticket. Two appointments of today are booked for a woman registered at the kiosk (the desk books them).
TEST_P(Accessibility, AppointmentFoundByPhoneAndByCode) {
  Result reg = kiosk("visitor",
                     "tap lang.LANG\ntap service.jisr\ntap action.register\ntype Nezha\ntap form.next\ntype 0698765432\n"
                     "tap form.next\ntap form.next\ntype 1985\ntap form.next\ntype Anfa\ntap form.next\n"
                     "tap contact.call\ntap form.next\ntap consent.yes\ntap consent.yes\ntap consent.yes\n"
                     "expect screen ticket\n");
  ASSERT_EQ(reg.exit_code, 0) << reg.err;
  {
    auto db = shubbak::store::Database::open((t.path / "data/shubbak.db").string());
    const shubbak::TimeZone& zone = shubbak::Settings::load((cfg() / "centre.conf").string()).zone;
    const auto now = std::chrono::system_clock::now();
    const std::string visitor = db.scalar_text("SELECT id FROM visitors"), at = shubbak::to_rfc3339_utc(now);
    auto book = [&](const char* id, const char* code, int minutes) {
      const auto slot = now + std::chrono::minutes(minutes);
      db.prepare("INSERT INTO appointments(id, visitor_id, service_id, day, slot_start, code, created_at, created_by, "
                 "updated_at) VALUES(?,?,'incubator',?,?,?,?,'staff:salma',?)")
          .bind(1, id).bind(2, visitor).bind(3, shubbak::local_day(now, zone)).bind(4, shubbak::to_rfc3339_utc(slot))
          .bind(5, code).bind(6, at).bind(7, at).run();
    };
    book("ap-1", "482913", 1);  // the same local day as now, unless the test runs in the minute before midnight
    book("ap-2", "739164", 2);
  }
  Result r = kiosk("visitor",
                   "tap appointment.have\ntype 0698765432\ntap form.next\nexpect screen ticket\nshot 01-appointment-ticket\n"
                   "tap ticket.done\ntap lang.LANG\ntap service.incubator\nshot 02-service-appointment\n"
                   "tap action.appointment\ntap appointment.pad.code\ntype 739164\nshot 03-appointment-code\n"
                   "tap form.next\nexpect screen ticket\nshot 04-appointment-code-ticket\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Counts n = check_audit(audit("visitor"), floors_of(cfg()));
  EXPECT_TRUE(n.screens.count("appointment") && n.screens.count("ticket"));
  const std::string shots = read_file(audit("visitor"));
  EXPECT_NE(shots.find("\"action.appointment\""), std::string::npos) << "a service that takes appointments offers it";
}

// A number for this ticket alone (issue 18): the offer on her ticket, the pad with its words, the word for a
// landline, the ticket afterwards. Behind four others, in a centre that sends SMS.
TEST_P(Accessibility, TheNumberForThisTicketAloneAndItsOffer) {
  std::ofstream(cfg() / "centre.conf", std::ios::app)
      << "\n[sms]\nspool = " << (t.path / "spool").string() << "\nname.ar = مركز الحي الحسني\nname.fr = Centre\n"
      << "name.zgh = ⴰⵙⵉⵏⴰⴳ\n";
  std::string script;
  for (int i = 0; i < 4; ++i) script += "tap lang.LANG\ntap service.jisr\ntap action.ticket\ntap ticket.done\n";
  script += "tap lang.LANG\ntap service.jisr\ntap action.ticket\nshot 01-ticket-sms-offer\ntap ticket.sms_offer\n"
            "shot 02-ticket-phone\ntype 0522123456\ntap ticket_phone.send\nshot 03-ticket-phone-landline\n";
  for (int i = 0; i < 10; ++i) script += "tap key.backspace\n";
  script += "type 0612345678\ntap ticket_phone.send\nexpect screen ticket\nshot 04-ticket-sms-kept\n";
  Result r = kiosk("visitor", script);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Counts n = check_audit(audit("visitor"), floors_of(cfg()));
  EXPECT_TRUE(n.screens.count("ticket_phone") && n.screens.count("ticket"));
  const std::string shots = read_file(audit("visitor"));
  EXPECT_NE(shots.find("\"ticket.sms_offer\""), std::string::npos);
  EXPECT_NE(shots.find("\"ticket.sms_kept\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(AllLanguagesBothOrientations, Accessibility,
                         ::testing::Combine(::testing::Values("ar", "zgh", "fr"),
                                            ::testing::Values("1080x1920", "1920x1080")),
                         param_name);

// A centre for people with poor sight or unsteady hands raises the floors: every screen follows them.
class RaisedFloors : public Accessibility {
 protected:
  void SetUp() override {
    Accessibility::SetUp();
    std::string centre = read_file(cfg() / "centre.conf");
    centre = std::regex_replace(centre, std::regex("\\[kiosk\\]\n"), "[kiosk]\nmin_target_mm = 20\nbody_line_mm = 14\n");
    write_file(cfg() / "centre.conf", centre);
  }
};

TEST_P(RaisedFloors, TargetsAndLinesFollowTheConfiguredMinimum) {
  ASSERT_EQ(floors_of(cfg()).target_mm, 20);
  ASSERT_EQ(floors_of(cfg()).line_mm, 14);
  Result r = kiosk("visitor", read_file(fs::path(SHUBBAK_SOURCE_DIR) / "scripts/tour.script"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Counts n = check_audit(audit("visitor"), floors_of(cfg()));
  EXPECT_GT(n.buttons, 100);
}

INSTANTIATE_TEST_SUITE_P(FrenchAndTamazightPortrait, RaisedFloors,
                         ::testing::Combine(::testing::Values("fr", "zgh"), ::testing::Values("1080x1920")),
                         param_name);

}  // namespace

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
