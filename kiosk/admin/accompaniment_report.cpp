#include "kiosk/admin/accompaniment_report.hpp"

#include <chrono>
#include <cstdio>

#include "common/clock.hpp"

namespace shubbak::admin {

const std::vector<std::string>& referral_steps() {
  static const std::vector<std::string> steps{"proposed", "accepted", "declined", "completed", "not_completed"};
  return steps;
}

namespace {

// Rows whose RFC 3339 UTC column falls on the local `day`: a coarse UTC window in SQL, the exact day in C++.
struct DayWindow {
  std::string day, lo, hi;
  const TimeZone& zone;
  DayWindow(const std::string& d, const TimeZone& z) : day(d), zone(z) {
    TimePoint midnight_utc{};
    parse_rfc3339_utc(d + "T00:00:00Z", midnight_utc);
    lo = to_rfc3339_utc(midnight_utc - std::chrono::hours(26));  // every zone's day lies within these bounds
    hi = to_rfc3339_utc(midnight_utc + std::chrono::hours(50));
  }
  bool holds(const std::string& at) const {
    TimePoint t{};
    return parse_rfc3339_utc(at, t) && local_day(t, zone) == day;
  }
};

void count_appointments(store::Database& db, const std::string& day, std::map<std::string, AccompanimentCounts>& out) {
  auto st = db.prepare("SELECT service_id, state, late, count(*) FROM appointments WHERE day=? GROUP BY 1,2,3");
  st.bind(1, day);
  while (st.step()) {
    const int n = static_cast<int>(st.integer(3));
    const std::string state = st.text(1);
    for (const std::string& key : {st.text(0), std::string()}) {
      AccompanimentCounts& c = out[key];
      if (state == "booked") {
        c.booked += n;
      } else if (state == "kept") {
        c.kept += n;
        if (st.integer(2)) c.late += n;
      } else if (state == "missed") {
        c.missed += n;
      }
      if (state == "cancelled") c.cancelled += n;
    }
  }
}

// Each step of a referral is counted on the day it happened, from its audit entry (written in the same transaction
// as the step): a referral accepted one day and completed the next counts on both days.
void count_referrals(store::Database& db, const DayWindow& w, std::map<std::string, AccompanimentCounts>& out) {
  auto st = db.prepare("SELECT r.from_service, r.to_service IS NOT NULL, substr(a.action, 10), a.at "
                       "FROM audit_log a JOIN referrals r ON r.id = a.subject "
                       "WHERE a.action LIKE 'referral\\_%' ESCAPE '\\' AND a.at BETWEEN ? AND ?");
  st.bind(1, w.lo).bind(2, w.hi);
  while (st.step()) {
    if (!w.holds(st.text(3))) continue;
    const std::string kind = st.integer(1) ? "internal" : "external", step = st.text(2);
    for (const std::string& key : {st.text(0), std::string()}) ++out[key].referrals[kind][step];
  }
}

void count_milestones(store::Database& db, const DayWindow& w, std::map<std::string, AccompanimentCounts>& out) {
  auto st = db.prepare("SELECT service_id, milestone, at FROM milestones WHERE at BETWEEN ? AND ?");
  st.bind(1, w.lo).bind(2, w.hi);
  while (st.step())
    if (w.holds(st.text(2)))
      for (const std::string& key : {st.text(0), std::string()}) ++out[key].milestones[st.text(1)];
}

int at(const std::map<std::string, int>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? 0 : it->second;
}

int step_count(const AccompanimentCounts& c, const std::string& kind, const std::string& step) {
  auto it = c.referrals.find(kind);
  return it == c.referrals.end() ? 0 : at(it->second, step);
}

}  // namespace

std::map<std::string, AccompanimentCounts> accompaniment_counts(store::Database& db, const std::string& day,
                                                                const TimeZone& zone) {
  std::map<std::string, AccompanimentCounts> out;
  out[""];  // the centre, even when nothing happened
  DayWindow w(day, zone);
  count_appointments(db, day, out);
  count_referrals(db, w, out);
  count_milestones(db, w, out);
  return out;
}

std::string accompaniment_text(const AccompanimentCounts& c) {
  char line[160];
  std::string s = "\nAccompaniment\n";
  std::snprintf(line, sizeof line, "appointments of the day: %d kept (%d late), %d missed, %d cancelled, %d still booked\n",
                c.kept, c.late, c.missed, c.cancelled, c.booked);
  s += line;
  std::snprintf(line, sizeof line, "%-28s %8s %8s\n", "referrals this day", "internal", "external");
  s += line;
  for (const auto& step : referral_steps()) {
    std::string label = step == "not_completed" ? "not completed" : step;
    std::snprintf(line, sizeof line, "  %-26s %8d %8d\n", label.c_str(), step_count(c, "internal", step),
                  step_count(c, "external", step));
    s += line;
  }
  s += "milestones reached this day:";
  for (const auto& m : milestone_ids()) {
    std::snprintf(line, sizeof line, " %s %d%s", m.c_str(), at(c.milestones, m), m == milestone_ids().back() ? "" : ",");
    s += line;
  }
  return s + "\n";
}

std::string accompaniment_csv_header() {
  std::string s = ",appointments_booked,appointments_kept,appointments_late,appointments_missed,appointments_cancelled";
  for (const char* kind : {"internal", "external"})
    for (const auto& step : referral_steps()) s += std::string(",referrals_") + kind + "_" + step;
  for (const auto& m : milestone_ids()) s += ",milestone_" + m;
  return s;
}

std::string accompaniment_csv_values(const AccompanimentCounts& c) {
  std::string s;
  for (int n : {c.booked, c.kept, c.late, c.missed, c.cancelled}) s += "," + std::to_string(n);
  for (const char* kind : {"internal", "external"})
    for (const auto& step : referral_steps()) s += "," + std::to_string(step_count(c, kind, step));
  for (const auto& m : milestone_ids()) s += "," + std::to_string(at(c.milestones, m));
  return s;
}

}  // namespace shubbak::admin
