#include <gtest/gtest.h>

#include "common/config_file.hpp"
#include "common/centre_settings.hpp"

using namespace shubbak;

static std::string error_of(const std::string& text, const std::string& file = "centre.conf") {
  try {
    Settings::from_document(ConfigDocument::parse(text, file));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

static const char* kGood =
    "[centre]\nid = C1\nkiosk_id = k1\nname.ar = مركز\nname.zgh = ⴰⵎⵙⵉⵡⴰⴹ\nname.fr = Centre\n"
    "[sync]\nseal_public_key = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

TEST(ConfigFormat, ReadsSectionsKeysAndLines) {
  ConfigDocument d = ConfigDocument::parse("# c\n[centre]\nid = X\n\n[service jisr]\nprefix = A\n", "f.conf");
  ASSERT_EQ(d.sections().size(), 2u);
  EXPECT_EQ(d.sections()[1].type, "service");
  EXPECT_EQ(d.sections()[1].name, "jisr");
  EXPECT_EQ(d.sections()[1].entries[0].line, 6);
}

TEST(ConfigFormat, SyntaxErrorsNameFileAndLine) {
  auto err = [](const std::string& t) {
    try {
      ConfigDocument::parse(t, "x.conf");
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(err("[centre]\nid X\n"), "x.conf:2: expected 'key = value' or '[section]', found 'id X'");
  EXPECT_NE(err("[centre\n").find("x.conf:1"), std::string::npos);
  EXPECT_NE(err("id = 1\n").find("after a [section]"), std::string::npos);
  EXPECT_NE(err("[a]\nk = 1\nk = 2\n").find("x.conf:3: k: key already set on line 2"), std::string::npos);
  EXPECT_NE(err("[a]\n[a]\n").find("already appears on line 1"), std::string::npos);
}

TEST(Settings, GoodFileLoads) {
  Settings s = Settings::from_document(ConfigDocument::parse(kGood, "centre.conf"));
  EXPECT_EQ(s.centre_id, "C1");
  EXPECT_EQ(s.centre_name.at("fr"), "Centre");
  EXPECT_EQ(s.tuning.idle_seconds, 60);
}

TEST(Settings, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(error_of(std::string(kGood) + "[kiosk]\nidle_seconds = soon\n"),
            "centre.conf:10: idle_seconds: 'soon' is not a whole number");
  EXPECT_EQ(error_of(std::string(kGood) + "[kiosk]\nidle_seconds = 1\n"),
            "centre.conf:10: idle_seconds: 1 is out of range (10 to 3600)");
  EXPECT_NE(error_of(std::string(kGood) + "[kiosk]\ncolour = red\n").find("centre.conf:10: colour: unknown key"),
            std::string::npos);
  EXPECT_NE(error_of("[centre]\nid = C\nkiosk_id = k\nname.ar = a\nname.fr = b\n").find("name.zgh: missing"),
            std::string::npos);
  EXPECT_NE(error_of("[weather]\n").find("unknown section [weather]"), std::string::npos);
}

TEST(Settings, MissingFileIsAClearError) {
  try {
    ConfigDocument::load("/nonexistent/centre.conf");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/centre.conf: cannot open"), std::string::npos);
  }
}

// A time zone name glibc does not know makes it use UTC without a word: the ticket day would shift by an hour (or a
// whole day far from UTC). Such a name is refused at load, with where and what is expected.
TEST(Settings, AMistypedTimeZoneIsRefusedAtLoad) {
  const std::string centre = "[centre]\nid = C1\nkiosk_id = k1\nname.ar = مركز\nname.zgh = ⴰⵎⵙⵉⵡⴰⴹ\nname.fr = Centre\n";
  const std::string sync = "[sync]\nseal_public_key = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
  for (const char* bad : {"Afrika/Casablanca", "Africa/casablanca", "Casablanca", "../../../etc/passwd", "zone.tab",
                          "/usr/share/zoneinfo/Africa/Casablanca", "Africa/"}) {
    std::string err = error_of(centre + "timezone = " + bad + "\n" + sync);
    EXPECT_EQ(err.rfind("centre.conf:7: timezone: ", 0), 0u) << bad << " -> " << err;
    EXPECT_NE(err.find("Africa/Casablanca"), std::string::npos) << "says what is expected: " << err;
  }
  Settings s = Settings::from_document(ConfigDocument::parse(centre + "timezone = Europe/Paris\n" + sync, "c.conf"));
  EXPECT_EQ(s.zone.name(), "Europe/Paris");
}
