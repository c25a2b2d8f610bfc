#include "common/sms_settings.hpp"

#include <cstdio>

#include "common/languages.hpp"
#include "common/utf8.hpp"

namespace shubbak {

namespace {

int minute_of(const SectionReader& r, const std::string& key, int fallback) {
  if (!r.has(key)) return fallback;
  const std::string v = r.text(key);
  int h = -1, m = -1;
  char sep = 0;
  if (std::sscanf(v.c_str(), "%2d%c%2d", &h, &sep, &m) != 3 || sep != ':' || h < 0 || h > 23 || m < 0 || m > 59)
    r.fail(key, "'" + v + "' must be HH:MM, e.g. 21:00");
  return h * 60 + m;
}

}  // namespace

SmsSettings SmsSettings::from_section(const ConfigDocument& doc, const ConfigSection& sec,
                                      const std::map<std::string, std::string>& centre_name) {
  SectionReader r(doc, sec);
  r.only_keys({"spool", "name", "tamazight_script", "reminder_hour", "quiet_start", "quiet_end", "max_attempts",
               "retry_seconds", "poll_ms", "modem_silent_seconds"});
  SmsSettings s;
  s.where = {doc.file(), sec.line};
  s.enabled = true;
  s.spool = doc.resolve(r.text_or("spool", "/var/spool/gammu"));
  s.name = centre_name;
  for (const auto& lang : language_codes())
    if (r.has("name." + lang)) s.name[lang] = r.text("name." + lang);
  for (const auto& [lang, text] : s.name)
    if (static_cast<int>(utf8_to_u32(text).size()) > kSmsMaxCentreName)
      r.fail("name." + lang, "'" + text + "' is longer than " + std::to_string(kSmsMaxCentreName) +
                                 " characters: give a short name for messages ([sms] name." + lang + ")");
  const std::string script = r.text_or("tamazight_script", "tifinagh");
  if (script != "tifinagh" && script != "latin") r.fail("tamazight_script", "'" + script + "' is not tifinagh or latin");
  s.tamazight_latin = script == "latin";
  s.reminder_hour = static_cast<int>(r.integer("reminder_hour", 0, 23, s.reminder_hour));
  s.quiet_start_minute = minute_of(r, "quiet_start", s.quiet_start_minute);
  s.quiet_end_minute = minute_of(r, "quiet_end", s.quiet_end_minute);
  s.max_attempts = static_cast<int>(r.integer("max_attempts", 1, 20, s.max_attempts));
  s.retry_seconds = static_cast<int>(r.integer("retry_seconds", 5, 86400, s.retry_seconds));
  s.poll_ms = static_cast<int>(r.integer("poll_ms", 100, 60000, s.poll_ms));
  s.modem_silent_seconds = static_cast<int>(r.integer("modem_silent_seconds", 5, 86400, s.modem_silent_seconds));
  return s;
}

bool SmsSettings::quiet_at(int minute) const {
  if (quiet_start_minute == quiet_end_minute) return false;
  if (quiet_start_minute < quiet_end_minute) return minute >= quiet_start_minute && minute < quiet_end_minute;
  return minute >= quiet_start_minute || minute < quiet_end_minute;  // across midnight
}

}  // namespace shubbak
