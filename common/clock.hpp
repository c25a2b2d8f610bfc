// Time for the domain: injected so tests and the automation script can move it. A clock carries the centre's time
// zone: "today" and "HH:MM" are computed from the zone it was given, never from the process's TZ.
#pragma once
#include <chrono>
#include <string>
#include <utility>

#include "common/time_zone.hpp"

namespace shubbak {

using TimePoint = std::chrono::system_clock::time_point;
using Seconds = std::chrono::seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  // The zone this clock's instants are read in (the centre's).
  const TimeZone& zone() const { return zone_; }

 protected:
  explicit Clock(TimeZone zone) : zone_(std::move(zone)) {}
  Clock(const Clock&) = default;
  Clock& operator=(const Clock&) = default;

 private:
  TimeZone zone_;
};

// Wall-clock time, optionally shifted (the automation script's `clock +SECONDS`).
class SystemClock final : public Clock {
 public:
  explicit SystemClock(TimeZone zone = TimeZone::utc()) : Clock(std::move(zone)) {}
  TimePoint now() const override { return std::chrono::system_clock::now() + offset_; }
  void advance(Seconds s) { offset_ += s; }

 private:
  Seconds offset_{0};
};

// A clock that only moves when told to (unit tests).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start, TimeZone zone = TimeZone::utc()) : Clock(std::move(zone)), now_(start) {}
  TimePoint now() const override { return now_; }
  void advance(Seconds s) { now_ += s; }
  void set(TimePoint t) { now_ = t; }

 private:
  TimePoint now_;
};

// "2026-11-29T06:38:29Z"
std::string to_rfc3339_utc(TimePoint t);
// Parses what to_rfc3339_utc writes; returns false on anything else.
bool parse_rfc3339_utc(const std::string& s, TimePoint& out);
// Calendar day of t in `zone`, "2026-11-29". Ticket numbers restart each local day.
std::string local_day(TimePoint t, const TimeZone& zone);
// "HH:MM" of t in `zone`.
std::string local_hhmm(TimePoint t, const TimeZone& zone);
// The instant a clock in `zone` shows this date and time (tests and reports). A time the clocks skip (spring
// forward) is read with the offset before the change, so it lands just after it; a time shown twice (fall back)
// is its first occurrence.
TimePoint from_local(int year, int month, int day, int hour, int minute, int second, const TimeZone& zone);
inline TimePoint from_local(int year, int month, int day, int hour, int minute, const TimeZone& zone) {
  return from_local(year, month, day, hour, minute, 0, zone);
}

}  // namespace shubbak
