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
