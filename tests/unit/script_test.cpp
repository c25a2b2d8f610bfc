#include <gtest/gtest.h>

#include "kiosk/app/script.hpp"

using namespace shubbak::app;

TEST(Script, ParsesEveryCommand) {
  auto c = parse_script("# journey\ntap lang.fr\n\ntype Fatima Zahra\nwait 250\nclock +90\nshot welcome\n"
                        "expect screen catalogue\nexpect text ticket.number A-001\n",
                        "s.txt");
  ASSERT_EQ(c.size(), 7u);
  EXPECT_EQ(c[0].kind, Command::Tap);
  EXPECT_EQ(c[0].arg, "lang.fr");
  EXPECT_EQ(c[0].line, 2);
  EXPECT_EQ(c[1].arg, "Fatima Zahra");
  EXPECT_EQ(c[2].number, 250);
  EXPECT_EQ(c[3].number, 90);
  EXPECT_EQ(c[5].kind, Command::ExpectScreen);
  EXPECT_EQ(c[6].arg, "ticket.number");
  EXPECT_EQ(c[6].text, "A-001");
}

TEST(Script, BadLinesAreNamed) {
  auto err = [](const std::string& t) {
    try {
      parse_script(t, "s.txt");
    } catch (const ScriptError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(err("tap a\njump b\n"), "s.txt:2: unknown command 'jump' (tap, type, wait, clock, shot, expect, until, await-file)");
  EXPECT_EQ(err("clock 5\n"), "s.txt:1: usage: clock +SECONDS");
  EXPECT_EQ(err("wait soon\n"), "s.txt:1: 'soon' is not a number from 0 to 600000");
  EXPECT_EQ(err("shot ../x\n"), "s.txt:1: usage: shot NAME (a file name without '/')");
  EXPECT_EQ(err("tap\n"), "s.txt:1: usage: tap WIDGET-ID");
}
