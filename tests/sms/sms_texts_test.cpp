// The words of each SMS (issue 18): in every language and script, with the longest centre name [sms] allows, every
// default text fits one segment (70 UCS-2 characters); the segment count of GSM-7 and UCS-2 texts; gammu's file
// names and its UTF-16 files; the [sms] settings.
#include <gtest/gtest.h>

#include "common/centre_settings.hpp"
#include "common/languages.hpp"
#include "common/utf8.hpp"
#include "common/i18n.hpp"
#include "sms/segments.hpp"
#include "sms/spool.hpp"
#include "sms/texts.hpp"

namespace shubbak::sms {
namespace {

std::string repeat(const std::string& ch, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += ch;
  return s;
}

// The longest names allowed, in each script (a Latin accented letter makes French UCS-2 too).
SmsSettings longest_names(bool latin_tamazight) {
  SmsSettings s;
  s.enabled = true;
  s.name = {{"ar", repeat("ح", kSmsMaxCentreName)}, {"fr", repeat("ê", kSmsMaxCentreName)},
            {"zgh", repeat("ⵣ", kSmsMaxCentreName)}};
  s.tamazight_latin = latin_tamazight;
  return s;
}

TEST(SmsTexts, EveryTextInEveryLanguageFitsOneSegmentWithTheLongestCentreName) {
  Translations tr = Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n");
  const MessageFacts longest{"AB-123", "31/12", "23:30"};
  for (bool latin : {false, true}) {
    SmsSettings s = longest_names(latin);
    Texts texts(tr, s, "ar");
    for (const auto& lang : language_codes())
      for (Kind k : all_kinds()) {
        const std::string text = texts.compose(k, lang, longest);
        ASSERT_TRUE(tr.has(lang, texts.key(k, lang))) << lang << " lacks " << texts.key(k, lang);
        const SmsLength len = sms_length(text);
        EXPECT_EQ(len.segments, 1) << lang << " " << kind_name(k) << (latin ? " (latin)" : "") << ": " << len.units
                                   << " characters: " << text;
        EXPECT_EQ(text.find('{'), std::string::npos) << "a placeholder left unfilled: " << text;
        EXPECT_NE(text.find(s.name.at(lang == "zgh" && latin ? "fr" : lang)), std::string::npos) << text;
      }
  }
}

TEST(SmsTexts, SayTheCentreAndHerNumberOrTheTimeInHerLanguageAndNothingElse) {
  Translations tr = Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n");
  SmsSettings s;
  s.name = {{"ar", "مركز الحي"}, {"fr", "Centre Hay"}, {"zgh", "ⴰⵎⵙⵉⵡⴰⴹ"}};
  Texts texts(tr, s, "ar");
  const std::string fr = texts.compose(Kind::TurnNear, "fr", {"A-042", "", ""});
  EXPECT_EQ(fr, "Centre Hay: votre tour approche, ticket A-042. Revenez.");
  const std::string zgh = texts.compose(Kind::AppointmentReminder, "zgh", {"", "03/12", "09:30"});
  EXPECT_NE(zgh.find("ⴰⵎⵢⴰⵏⴰⵡ"), std::string::npos) << zgh;  // Tifinagh
  EXPECT_NE(zgh.find("03/12"), std::string::npos);
  EXPECT_NE(zgh.find("09:30"), std::string::npos);
  s.tamazight_latin = true;
  const std::string latin = texts.compose(Kind::AppointmentReminder, "zgh", {"", "03/12", "09:30"});
  EXPECT_EQ(latin, "Centre Hay: amyanaw nnm azekka 03/12 g 09:30.");
  // An unknown language: the centre's default.
  EXPECT_EQ(texts.compose(Kind::TurnNear, "", {"A-1", "", ""}), texts.compose(Kind::TurnNear, "ar", {"A-1", "", ""}));
}

TEST(SmsSegments, CountGsm7SeptetsAndUcs2Units) {
  EXPECT_TRUE(sms_length("Rendez-vous à 09:30").gsm7);
  EXPECT_EQ(sms_length(repeat("a", 160)).segments, 1);
  EXPECT_EQ(sms_length(repeat("a", 161)).segments, 2);
  EXPECT_EQ(sms_length(repeat("€", 80)).units, 160);  // an extension character counts twice
  EXPECT_FALSE(sms_length("fenêtre").gsm7);            // ê is not GSM-7: the whole text is UCS-2
  EXPECT_EQ(sms_length(repeat("ح", 70)).segments, 1);
  EXPECT_EQ(sms_length(repeat("ح", 71)).segments, 2);
  EXPECT_EQ(sms_length(repeat("ⵣ", 135)).segments, 3);  // 67 per part of a concatenated SMS
}

TEST(SmsSpool, FileNamesAreGammusAndCarryTheRow) {
  const TimePoint at = from_local(2026, 12, 1, 9, 0, TimeZone::utc());
  const std::string name = Spool::file_name(42, 1, "0612345678", true, at);
  EXPECT_EQ(name, "OUTA20261201_090000_00_0612345678_shubbak-42-1.txt");
  auto parsed = Spool::parse_name(name);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->row, 42);
  EXPECT_EQ(parsed->attempt, 1);
  EXPECT_FALSE(Spool::parse_name("OUTC20261201_090000_00_0612345678_other.txt"));
  EXPECT_FALSE(Spool::parse_name(".shubbak-writing-12"));
  const std::string text = "مركز: ⵜⴰⵡⵔⵉⵇⵜ A-042 😀";
  const std::string file = utf16be_with_bom(text);
  EXPECT_EQ(file.substr(0, 2), "\xFE\xFF");
  EXPECT_EQ(utf8_from_utf16_file(file), text);
}

TEST(SmsSettings, ANameTooLongForOneSegmentIsRefusedWithWhereToShortenIt) {
  const std::string base =
      "[centre]\nid = c\nkiosk_id = k\nname.ar = مركز\nname.fr = Centre\nname.zgh = ⴰⵎⵙⵉⵡⴰⴹ\n[sync]\n"
      "seal_public_key = tYXy7VK7zlLJbO2kKbVU9NPMP+qmj7hdKYEL6PZ7Hz8=\n";
  Settings ok = Settings::from_document(ConfigDocument::parse(
      base + "[sms]\nspool = /var/spool/gammu\nquiet_start = 21:30\nreminder_hour = 19\n", "/etc/shubbak/centre.conf"));
  EXPECT_TRUE(ok.sms.enabled);
  EXPECT_EQ(ok.sms.name.at("fr"), "Centre");
  EXPECT_EQ(ok.sms.quiet_start_minute, 21 * 60 + 30);
  EXPECT_TRUE(ok.sms.quiet_at(23 * 60));
  EXPECT_TRUE(ok.sms.quiet_at(7 * 60));
  EXPECT_FALSE(ok.sms.quiet_at(12 * 60));
  EXPECT_FALSE(Settings::from_document(ConfigDocument::parse(base, "c.conf")).sms.enabled);
  try {
    Settings::from_document(ConfigDocument::parse(base + "[sms]\nname.fr = Centre social du quartier Hay Hassani\n", "c.conf"));
    FAIL() << "a 38-character name was accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("name.fr"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace shubbak::sms
