// Centre settings (config/<centre>/centre.conf) and the tuning constants they override.
// Every tuning constant of the kiosk has its default here, in one place.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "common/catalogue.hpp"
#include "common/time_zone.hpp"
#include "common/config_file.hpp"
#include "common/desk_settings.hpp"
#include "common/sms_settings.hpp"
#include "common/sync_settings.hpp"

namespace shubbak {

struct Tuning {
  int idle_seconds = 60;           // no touch for this long: "Do you need more time?"
  int more_time_seconds = 20;      // countdown on that prompt before going back to the welcome screen
  int ticket_seconds = 20;         // how long the ticket stays on screen (printer configured)
  int ticket_no_printer_seconds = 45;  // longer when she must remember the number
  double screen_diagonal_inches = 21.5;  // physical size, to turn millimetres into pixels
  double min_target_mm = 15.0;     // smallest touch target
  double body_line_mm = 8.0;       // body text line height
  int data_version_poll_ms = 250;  // how often a process checks for other processes' writes
  int redraw_frames_after_event = 3;
  int staff_idle_signout_seconds = 300;  // the counter console signs out a staff member who walked away
  int store_retry_seconds = 10;    // the store could not be opened (read-only disk...): try again this often
  int appointment_grace_minutes = 15;  // [centre]: arriving later than her slot + this: queued as a walk-in (late)
};

inline constexpr const char* kDefaultTimezone = "Africa/Casablanca";  // [centre] timezone when not given

struct Settings {
  std::string centre_id;
  std::string kiosk_id;
  Texts centre_name;
  std::string default_lang = "ar";
  // The centre's time zone: its day numbers the tickets, its midnight ends a visitor's day (purge, reports).
  // Loaded and checked with the file; zone.name() is the name as written there.
  TimeZone zone;                // UTC until loaded
  SyncSettings sync;
  DeskSettings desk;            // [desk]: the staff console on the LAN (shubbak-desk)
  SmsSettings sms;              // [sms]: messages to her phone through gammu-smsd (shubbak-sms, docs/sms.md)
  std::string catalogue_file;   // resolved against centre.conf's folder (default: catalog.conf beside it)
  std::string printer_device;   // empty: no printer
  Tuning tuning;

  static Settings from_document(const ConfigDocument& doc);
  static Settings load(const std::string& path) { return from_document(ConfigDocument::load(path)); }
};

// A configuration directory: centre.conf + the catalogue it names.
struct CentreConfig {
  std::string dir;
  Settings settings;
  Catalogue catalogue;

  static CentreConfig load(const std::string& dir);
};

}  // namespace shubbak
