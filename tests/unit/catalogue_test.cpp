#include <gtest/gtest.h>

#include "common/catalogue.hpp"
#include "common/centre_settings.hpp"

using namespace shubbak;

static std::string service(const std::string& id, const std::string& prefix, const std::string& extra = "") {
  std::string s = "[service " + id + "]\nprefix = " + prefix + "\nicon = work\n" + extra;
  for (const char* k : {"title", "description", "eligibility", "documents", "hours"})
    for (const char* l : {"ar", "zgh", "fr"}) s += std::string(k) + "." + l + " = x\n";
  return s;
}

static std::string error_of(const std::string& text) {
  try {
    Catalogue::from_document(ConfigDocument::parse(text, "catalog.conf"));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(Catalogue, DemoCentreLoadsWithAllItsServices) {
  CentreConfig c = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  const auto& s = c.catalogue.services();
  ASSERT_GE(s.size(), 8u);
  for (const char* id : {"jisr", "incubator", "training", "literacy", "listening", "social", "childcare", "disability"})
    EXPECT_NE(c.catalogue.service(id), nullptr) << id;
  EXPECT_TRUE(c.catalogue.service("listening")->sensitive);
  EXPECT_FALSE(c.catalogue.service("jisr")->sensitive);
  EXPECT_TRUE(c.catalogue.service("jisr")->needs(Field::Phone));
  EXPECT_EQ(c.catalogue.first_question(), "need");
  EXPECT_GE(c.catalogue.outcomes().size(), 4u);
}

TEST(Catalogue, EveryHelpPathEndsOnAService) {
  CentreConfig c = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  std::vector<std::string> todo = {c.catalogue.first_question()};
  int services_reached = 0;
  for (size_t i = 0; i < todo.size(); ++i) {
    ASSERT_LT(todo.size(), 100u) << "the help tree loops";
    for (const auto& a : c.catalogue.question(todo[i])->answers) {
      const Answer* ans = c.catalogue.answer(a);
      if (ans->service.empty()) {
        todo.push_back(ans->next_question);
      } else {
        ++services_reached;
        EXPECT_NE(c.catalogue.service(ans->service), nullptr);
      }
    }
  }
  EXPECT_GE(services_reached, 6);
}

TEST(Catalogue, DuplicatePrefixIsRefusedWithItsLine) {
  std::string e = error_of(service("a", "A") + service("b", "A"));
  EXPECT_NE(e.find("catalog.conf:20: [service b] prefix: 'A' is already used by another service on line 2"),
            std::string::npos) << e;
}

TEST(Catalogue, UnknownServiceFieldIsRefused) {
  std::string e = error_of(service("a", "A", "colour = red\n"));
  EXPECT_NE(e.find("catalog.conf:4: [service a] colour: unknown key in [service]"), std::string::npos) << e;
  e = error_of(service("a", "A", "fields = name, shoe_size\n"));
  EXPECT_NE(e.find("unknown field 'shoe_size'"), std::string::npos) << e;
}

TEST(Catalogue, MissingTranslationAndBadIconAreRefused) {
  std::string s = service("a", "A");
  s.erase(s.find("title.zgh = x\n"), 14);
  EXPECT_NE(error_of(s).find("title.zgh: missing"), std::string::npos);
  std::string bad = service("a", "A");
  bad.replace(bad.find("icon = work"), 11, "icon = rocket");
  EXPECT_NE(error_of(bad).find("unknown pictogram 'rocket'"), std::string::npos);
  EXPECT_NE(error_of(service("a", "a1")).find("one or two capital letters"), std::string::npos);
}

TEST(Catalogue, BrokenHelpTreeIsRefused) {
  std::string base = service("a", "A");
  std::string q = "[question q]\nfirst = yes\nanswers = x\nprompt.ar = ?\nprompt.zgh = ?\nprompt.fr = ?\n";
  std::string a = "[answer x]\nicon = work\nservice = nowhere\nlabel.ar = x\nlabel.zgh = x\nlabel.fr = x\n";
  EXPECT_NE(error_of(base + q + a).find("no [service nowhere]"), std::string::npos);
  EXPECT_NE(error_of(base + q).find("no [answer x]"), std::string::npos);
}

// Appointment slots, partners and milestones (issue 16).
static Catalogue parse(const std::string& text) { return Catalogue::from_document(ConfigDocument::parse(text, "catalog.conf")); }

TEST(Catalogue, SlotsAreReadWithTheirHoursAndDays) {
  Catalogue c = parse(service("a", "A", "slot_minutes = 30\nslot_capacity = 2\nslot_hours = 09:00-12:00, 14:00-16:00\n"
                                        "slot_days = mon, wed\n") +
                      service("b", "B"));
  const SlotPlan& p = c.service("a")->slots;
  EXPECT_TRUE(p.takes_appointments());
  EXPECT_EQ(p.minutes, 30);
  EXPECT_EQ(p.capacity, 2);
  EXPECT_EQ(p.hours, (std::vector<std::pair<int, int>>{{540, 720}, {840, 960}}));
  EXPECT_EQ(p.weekdays, (std::vector<int>{1, 3}));
  EXPECT_FALSE(c.service("b")->slots.takes_appointments()) << "no slot_minutes: no appointments";
  Catalogue d = parse(service("a", "A", "slot_minutes = 45\nslot_hours = 09:00-12:00\n"));
  EXPECT_EQ(d.service("a")->slots.capacity, 1);
  EXPECT_EQ(d.service("a")->slots.weekdays, (std::vector<int>{1, 2, 3, 4, 5})) << "working days by default";
  CentreConfig demo = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  EXPECT_TRUE(demo.catalogue.service("jisr")->slots.takes_appointments());
}

TEST(Catalogue, BadSlotsAreRefusedWithFileLineAndWords) {
  EXPECT_NE(error_of(service("a", "A", "slot_minutes = 30\nslot_hours = 9h-12h\n"))
                .find("catalog.conf:5: [service a] slot_hours: '9h-12h' is not a range of at least one slot"),
            std::string::npos);
  EXPECT_NE(error_of(service("a", "A", "slot_minutes = 60\nslot_hours = 09:00-09:30\n")).find("slot_hours:"),
            std::string::npos) << "a range shorter than one slot";
  EXPECT_NE(error_of(service("a", "A", "slot_minutes = 30\n")).find("needs its hours"), std::string::npos);
  EXPECT_NE(error_of(service("a", "A", "slot_minutes = 30\nslot_hours = 09:00-12:00\nslot_days = mon, friday\n"))
                .find("catalog.conf:6: [service a] slot_days: 'friday' is not a day"),
            std::string::npos);
  EXPECT_NE(error_of(service("a", "A", "slot_capacity = 2\n")).find("slot_capacity needs slot_minutes"),
            std::string::npos);
}

static const char* kOutcomeLabels = "label.ar = x\nlabel.zgh = x\nlabel.fr = x\n";

TEST(Catalogue, MilestonesAndPartnersAreCheckedWithTheirLine) {
  Catalogue c = parse(service("a", "A") + "[outcome ok]\nmilestone = trained\n" + kOutcomeLabels +
                      "[partner p]\nname = Afak\ncontact = 05 22\nservices = a\n");
  EXPECT_EQ(c.outcome("ok")->milestone, "trained");
  ASSERT_NE(c.partner("p"), nullptr);
  EXPECT_EQ(c.partner("p")->services, std::vector<std::string>{"a"});
  std::string e = error_of(service("a", "A") + "[outcome x]\nmilestone = graduated\n" + kOutcomeLabels);
  EXPECT_NE(e.find("catalog.conf:20: [outcome x] milestone: unknown milestone 'graduated'"), std::string::npos) << e;
  e = error_of(service("a", "A") + "[partner p]\nname = Afak\ncontact = 05 22\nservices = a, nowhere\n");
  EXPECT_NE(e.find("catalog.conf:22: [partner p] services: no [service nowhere] in this file"), std::string::npos) << e;
}
