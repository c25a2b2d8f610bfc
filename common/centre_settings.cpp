#include "common/centre_settings.hpp"

#include "common/languages.hpp"

namespace shubbak {

Settings Settings::from_document(const ConfigDocument& doc) {
  Settings s;
  bool have_centre = false, have_sync = false;
  std::vector<const ConfigSection*> sms_sections;  // read after [centre]: its name is the default
  s.desk = DeskSettings::defaults(doc);
  for (const auto& sec : doc.sections()) {
    SectionReader r(doc, sec);
    if (!sec.name.empty()) doc.fail(sec.line, "", "[" + sec.type + "] takes no name here");
    if (sec.type == "centre") {
      have_centre = true;
      r.only_keys({"id", "kiosk_id", "name", "default_lang", "timezone", "catalogue", "appointment_grace_minutes"});
      s.centre_id = r.text("id");
      s.kiosk_id = r.text("kiosk_id");
      s.centre_name = r.translated("name", language_codes());
      s.default_lang = r.text_or("default_lang", s.default_lang);
      if (!find_language(s.default_lang)) r.fail("default_lang", "'" + s.default_lang + "' is not ar, zgh or fr");
      try {
        s.zone = TimeZone::load(r.text_or("timezone", kDefaultTimezone));
      } catch (const TimeZoneError& e) {
        r.fail("timezone", e.what());
      }
      s.catalogue_file = doc.resolve(r.text_or("catalogue", "catalog.conf"));
      s.tuning.appointment_grace_minutes =
          static_cast<int>(r.integer("appointment_grace_minutes", 0, 240, s.tuning.appointment_grace_minutes));
    } else if (sec.type == "kiosk") {
      r.only_keys({"idle_seconds", "more_time_seconds", "ticket_seconds", "ticket_no_printer_seconds",
                   "screen_diagonal_inches", "min_target_mm", "body_line_mm", "data_version_poll_ms",
                   "staff_idle_signout_seconds"});
      Tuning& t = s.tuning;
      t.idle_seconds = static_cast<int>(r.integer("idle_seconds", 10, 3600, t.idle_seconds));
      t.more_time_seconds = static_cast<int>(r.integer("more_time_seconds", 5, 600, t.more_time_seconds));
      t.ticket_seconds = static_cast<int>(r.integer("ticket_seconds", 5, 600, t.ticket_seconds));
      t.ticket_no_printer_seconds =
          static_cast<int>(r.integer("ticket_no_printer_seconds", 5, 600, t.ticket_no_printer_seconds));
      t.screen_diagonal_inches = r.number("screen_diagonal_inches", 5, 100, t.screen_diagonal_inches);
      t.min_target_mm = r.number("min_target_mm", 5, 50, t.min_target_mm);
      t.body_line_mm = r.number("body_line_mm", 3, 30, t.body_line_mm);
      t.data_version_poll_ms = static_cast<int>(r.integer("data_version_poll_ms", 50, 5000, t.data_version_poll_ms));
      t.staff_idle_signout_seconds =
          static_cast<int>(r.integer("staff_idle_signout_seconds", 30, 86400, t.staff_idle_signout_seconds));
    } else if (sec.type == "sync") {
      s.sync = SyncSettings::from_section(doc, sec);
      have_sync = true;
    } else if (sec.type == "desk") {
      s.desk = DeskSettings::from_section(doc, sec);
    } else if (sec.type == "sms") {
      sms_sections.push_back(&sec);
    } else if (sec.type == "printer") {
      r.only_keys({"device"});
      s.printer_device = r.text_or("device", "");
    } else {
      doc.fail(sec.line, "", "unknown section [" + sec.type + "]; centre.conf has [centre], [kiosk], [sync], [desk], [sms], [printer]");
    }
  }
  if (!have_centre) doc.fail(0, "", "missing the [centre] section");
  for (const ConfigSection* sec : sms_sections) s.sms = SmsSettings::from_section(doc, *sec, s.centre_name);
  if (!have_sync) doc.fail(0, "[sync]", "missing: [sync] needs at least the upstream's seal_public_key");
  return s;
}

CentreConfig CentreConfig::load(const std::string& dir) {
  CentreConfig c;
  c.dir = dir;
  c.settings = Settings::load(dir + "/centre.conf");
  c.catalogue = Catalogue::load(c.settings.catalogue_file);
  return c;
}

}  // namespace shubbak
