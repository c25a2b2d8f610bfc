// The centre's time zone as a value. Loaded once, by name, from the system's zone database; afterwards reading it
// touches no file and no process-wide state (no TZ variable, no localtime_r), so "today" is the same in every
// process and in tests whatever the environment says. Copies are cheap and share the loaded rules.
//
//   TimeZone zone = TimeZone::load("Africa/Casablanca");   // throws TimeZoneError with words for a person
//   local_day(now, zone), local_hhmm(now, zone), from_local(2026, 11, 30, 9, 0, zone)   (common/clock.hpp)
//
// Rules: the file's transitions (Morocco's Ramadan periods at UTC+0 are listed there one by one), then for later
// instants the POSIX rule of its footer (fixed offsets such as "<+01>-1" and summer-time rules such as
// "CET-1CEST,M3.5.0,M10.5.0/3"). Before the first transition: the file's first local time type.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace shubbak {

inline constexpr const char* kZoneInfoDir = "/usr/share/zoneinfo";
inline constexpr const char* kZoneExample = "Africa/Casablanca";

class TimeZoneError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TimeZone {
 public:
  TimeZone();  // UTC
  static TimeZone utc() { return TimeZone(); }
  // `name` as in the zone database ("Africa/Casablanca", "Europe/Paris", "UTC"); case matters.
  static TimeZone load(const std::string& name, const std::string& zoneinfo_dir = kZoneInfoDir);
  // The same from a TZif file's bytes (what load reads).
  static TimeZone from_tzif(const std::string& name, std::string_view bytes);

  const std::string& name() const;
  // Seconds east of UTC in this zone at the instant t.
  int32_t offset_at(std::chrono::system_clock::time_point t) const;
  int32_t offset_at_unix(int64_t utc_seconds) const;

 private:
  struct Rules;
  explicit TimeZone(std::shared_ptr<const Rules> r) : rules_(std::move(r)) {}
  std::shared_ptr<const Rules> rules_;
};

}  // namespace shubbak
