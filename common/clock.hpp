// Time for the domain: injected so tests and the automation script can move it.
#pragma once
#include <chrono>
#include <string>

namespace shubbak {

using TimePoint = std::chrono::system_clock::time_point;
using Seconds = std::chrono::seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

// Wall-clock time, optionally shifted (the automation script's `clock +SECONDS`).
class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now() + offset_; }
  void advance(Seconds s) { offset_ += s; }

 private:
  Seconds offset_{0};
};

// A clock that only moves when told to (unit tests).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start) {}
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
// Local calendar day of t in the process time zone (TZ), "2026-11-29". Ticket numbers restart each local day.
std::string local_day(TimePoint t);
// Local "HH:MM".
std::string local_hhmm(TimePoint t);
// A TimePoint from a local date and time (tests and reports).
TimePoint from_local(int year, int month, int day, int hour, int minute, int second = 0);

}  // namespace shubbak
