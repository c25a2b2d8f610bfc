// The desk says in words when SMS do not leave (issue 18): shubbak-sms raises `sms_modem` when gammu-smsd has not
// taken a message for a while and `sms_failed` when one failed after every attempt; every signed-in console shows it
// in the staff member's language until it no longer holds.
#include <gtest/gtest.h>

#include "common/i18n.hpp"
#include "tests/desk/desk_fixture.hpp"

using namespace shubbak::testing;

namespace {

TEST(DeskSms, TheConsoleSaysTheModemIsNotAnsweringInHerLanguageUntilItAnswers) {
  DeskProcess desk;
  const auto tr = translations();
  desk.raise_alert_once("sms_modem");
  desk.raise_alert_once("sms_failed");  // the modem explains the failures: its words first
  for (const std::string lang : {"ar", "zgh", "fr"}) {
    Browser b = desk.browser();
    ASSERT_TRUE(b.sign_in("salma", "4821", 1, lang));
    EXPECT_EQ(text_of(b.last_page, "message"), escaped(tr.get(lang, "desk.sms_modem_silent"))) << lang;
    b.post("/signout", "csrf=" + b.csrf());
  }
  desk.resolve_alerts("sms_modem");
  {
    Browser b = desk.browser();
    ASSERT_TRUE(b.sign_in("salma", "4821", 1, "fr"));
    EXPECT_EQ(text_of(b.last_page, "message"), escaped(tr.get("fr", "desk.sms_failed")));
    b.post("/signout", "csrf=" + b.csrf());
  }
  desk.resolve_alerts("sms_failed");
  Browser b = desk.browser();
  ASSERT_TRUE(b.sign_in("salma", "4821", 1));
  EXPECT_EQ(text_of(b.last_page, "message"), "");
}

}  // namespace
