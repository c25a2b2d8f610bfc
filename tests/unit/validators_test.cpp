#include <gtest/gtest.h>

#include "kiosk/core/validators.hpp"

using namespace shubbak;

TEST(Mobile, AcceptsNationalAndInternationalForms) {
  for (const char* in : {"0612345678", "06 12 34 56 78", "06-12-34-56-78", "+212612345678", "+212 6 12 34 56 78",
                         "00212612345678", "06.12.34.56.78"}) {
    PhoneCheck c = check_mobile(in);
    EXPECT_TRUE(c.ok()) << in;
    EXPECT_EQ(c.normalized, "0612345678") << in;
  }
  EXPECT_EQ(check_mobile("0712345678").normalized, "0712345678");
  EXPECT_EQ(check_mobile("+212 712345678").normalized, "0712345678");
}

TEST(Mobile, RefusesWithTheRightReason) {
  EXPECT_EQ(check_mobile("").problem, PhoneProblem::Empty);
  EXPECT_EQ(check_mobile("   ").problem, PhoneProblem::Empty);
  EXPECT_EQ(check_mobile("06123").problem, PhoneProblem::WrongLength);
  EXPECT_EQ(check_mobile("061234567890").problem, PhoneProblem::WrongLength);
  EXPECT_EQ(check_mobile("+33612345678").problem, PhoneProblem::WrongLength);
  EXPECT_EQ(check_mobile("0522123456").problem, PhoneProblem::NotMobile);  // a Casablanca landline
  EXPECT_EQ(check_mobile("0812345678").problem, PhoneProblem::NotMobile);
  EXPECT_EQ(check_mobile("06a2345678").problem, PhoneProblem::NotDigits);
  EXPECT_EQ(check_mobile("06+12345678").problem, PhoneProblem::NotDigits);
  EXPECT_EQ(check_mobile("1612345678").problem, PhoneProblem::WrongLength);
}

TEST(Cin, AcceptsOneOrTwoLettersAndDigits) {
  EXPECT_EQ(check_cin("AB123456").normalized, "AB123456");
  EXPECT_EQ(check_cin("k12345").normalized, "K12345");
  EXPECT_EQ(check_cin(" bh 234 567 ").normalized, "BH234567");
  EXPECT_TRUE(check_cin("J1").ok());
}

TEST(Cin, RefusesOtherShapes) {
  EXPECT_EQ(check_cin("").problem, CinProblem::Empty);
  for (const char* in : {"123456", "ABC12345", "AB", "AB1234567", "A1B2", "AB12345X", "É12345"})
    EXPECT_EQ(check_cin(in).problem, CinProblem::BadFormat) << in;
}

TEST(BirthYear, PlausibleOnly) {
  EXPECT_TRUE(check_birth_year("1985", 2026));
  EXPECT_TRUE(check_birth_year("2016", 2026));
  EXPECT_FALSE(check_birth_year("2017", 2026));
  EXPECT_FALSE(check_birth_year("1899", 2026));
  EXPECT_FALSE(check_birth_year("85", 2026));
  EXPECT_FALSE(check_birth_year("19a5", 2026));
}
