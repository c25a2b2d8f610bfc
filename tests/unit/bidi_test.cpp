// Golden tests of the text pipeline: exact visual code points.
#include <gtest/gtest.h>

#include "kiosk/text/bidi.hpp"

using namespace shubbak::text;

static std::u32string vis(const std::string& s, Direction d = Direction::RTL) { return visual_line(utf8_to_u32(s), d); }

TEST(Bidi, MarhabaIsJoinedAndReversed) {
  // م initial, ر final, ح initial (ر does not join forward), ب medial, ا final; drawn right to left.
  EXPECT_EQ(vis("مرحبا"), (std::u32string{0xFE8E, 0xFE92, 0xFEA3, 0xFEAE, 0xFEE3}));
}

TEST(Bidi, LamAlefBecomesOneLigatureWithoutLeftovers) {
  EXPECT_EQ(vis("لا"), (std::u32string{0xFEFB}));
  // سلام: س initial, lam-alef final ligature, م isolated; no U+FEFF left where the alef was.
  EXPECT_EQ(vis("سلام"), (std::u32string{0xFEE1, 0xFEFC, 0xFEB3}));
}

TEST(Bidi, NumbersAndLatinWordsStayLeftToRightInsideArabic) {
  // رقم 42 Rabat: Arabic at the right, then 42, then Rabat at the left; each LTR run keeps its order.
  std::u32string expected = U"Rabat 42 ";
  expected += std::u32string{0xFEE2, 0xFED7, 0xFEAD};
  EXPECT_EQ(vis("رقم 42 Rabat"), expected);
  // A phone number inside Arabic reads left to right.
  std::u32string v = vis("الهاتف 0612345678");
  EXPECT_EQ(v.substr(0, 10), U"0612345678");
}

TEST(Bidi, BracketsAreMirroredInArabic) {
  std::u32string v = vis("(نعم)");
  EXPECT_EQ(v.front(), U'(');
  EXPECT_EQ(v.back(), U')');
}

TEST(Bidi, TifinaghAndFrenchAreUnchanged) {
  EXPECT_EQ(vis("ⴰⵣⵓⵍ ⴰⵎⴷⴷⴰⴽⴽⵯⵍ", Direction::LTR), utf8_to_u32("ⴰⵣⵓⵍ ⴰⵎⴷⴷⴰⴽⴽⵯⵍ"));
  EXPECT_EQ(vis("Prendre un ticket", Direction::LTR), U"Prendre un ticket");
  EXPECT_EQ(visual_line(std::string("Français"), Direction::LTR), "Français");
}

TEST(Bidi, Utf8RoundTripAndInvalidBytes) {
  std::string s = "aé ⴰ م €";
  EXPECT_EQ(u32_to_utf8(utf8_to_u32(s)), s);
  EXPECT_EQ(utf8_to_u32("\xC3"), U"\uFFFD");
  EXPECT_EQ(utf8_to_u32("a\xFFz"), U"a\uFFFDz");
  EXPECT_EQ(utf8_to_u32("\xC0\xAF"), U"\uFFFD");  // overlong '/'
}

TEST(Layout, WrapsInLogicalOrderThenReordersEachLine) {
  auto one = [](char32_t) { return 1.0f; };
  // Three Arabic words, room for about two per line: the FIRST words (logically) are on the first line.
  auto lines = layout("مرحبا بكم في المركز", Direction::RTL, 10, one);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].visual, visual_line(std::string("مرحبا بكم"), Direction::RTL));
  EXPECT_EQ(lines[1].visual, visual_line(std::string("في المركز"), Direction::RTL));
  EXPECT_FLOAT_EQ(lines[0].width, 9);
}

TEST(Layout, MixedDirectionLineKeepsItsRuns) {
  auto one = [](char32_t) { return 1.0f; };
  auto lines = layout("Guichet 3 الشباك", Direction::LTR, 100, one);
  ASSERT_EQ(lines.size(), 1u);
  std::u32string v = utf8_to_u32(lines[0].visual);
  EXPECT_EQ(v.substr(0, 10), U"Guichet 3 ");
  EXPECT_EQ(v.substr(10), visual_line(utf8_to_u32("الشباك"), Direction::RTL));
  auto nl = layout("a\nb", Direction::LTR, 100, one);
  ASSERT_EQ(nl.size(), 2u);
  EXPECT_EQ(nl[1].visual, "b");
}

TEST(Layout, LongWordIsCutNotLost) {
  auto one = [](char32_t) { return 1.0f; };
  auto lines = layout("abcdefghij", Direction::LTR, 4, one);
  std::string joined;
  for (auto& l : lines) joined += l.visual;
  EXPECT_EQ(joined, "abcdefghij");
  EXPECT_EQ(lines.size(), 3u);
}

TEST(Direction, FromTheFirstStrongCharacter) {
  EXPECT_EQ(direction_of(utf8_to_u32("فاطمة"), Direction::LTR), Direction::RTL);
  EXPECT_EQ(direction_of(utf8_to_u32("12 Hay"), Direction::RTL), Direction::LTR);
  EXPECT_EQ(direction_of(utf8_to_u32("ⵜⴰⵍⵍⴰ"), Direction::RTL), Direction::LTR);
  EXPECT_EQ(direction_of(utf8_to_u32("0612"), Direction::RTL), Direction::RTL);
}

TEST(Bidi, LawNumberWrittenTheMoroccanWayStaysReadable) {
  // After Arabic letters, digits are Arabic numbers: "09-08" would be drawn "08-09"; "09.08" stays "09.08".
  std::u32string v = vis("القانون رقم 09.08");
  EXPECT_EQ(v.substr(0, 5), U"09.08");
}
