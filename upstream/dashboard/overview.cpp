// The overview page's figures (figures.hpp).
#include "upstream/dashboard/figures.hpp"
#include "upstream/dashboard/query.hpp"

namespace shubbak::upstream::dashboard {

using detail::left_out;
using detail::pivot;

namespace {

// The last 30 days (ending today) of an aggregate with a `day` column.
using detail::kLast30;
using detail::run_rolled;
using detail::Source;

// Each figure's aggregate per centre and its region rollup (migration 5).
const Source kVisits{"agg_visits_day", "a.visits", "roll_visits", "a.visits"};
const Source kWomen{"women_milestones", "1", "roll_women", "a.women"};
const Source kReferrals{"referral_states", "1", "roll_referrals", "a.referrals"};
const Source kAppointments{"agg_appointments", "a.n", "roll_appointments", "a.n"};

Table visits_periods(pg::Connection& c, const Scope& s, const Options& o) {
  auto out = left_out(s, o);
  pg::Result r = run_rolled(c, std::string(" SELECT coalesce(sum({n}) FILTER (WHERE a.day = p.today), 0), "
                                           "coalesce(sum({n}) FILTER (WHERE a.day < p.today AND a.day > p.today - 7), 0), "
                                           "coalesce(sum({n}) FILTER (WHERE a.day <= p.today - 7), 0) "
                                           "FROM p CROSS JOIN {from} WHERE ") + kLast30 + " AND {scope} AND {keep}",
                            kVisits, s, out, o);
  Table t = running_totals("visits", {"today", "7_days", "30_days"}, "visits",
                           {r.integer(0, 0), r.integer(0, 1), r.integer(0, 2)});
  if (!out.empty()) t.notes.push_back(kSensitiveLeftOutNote);
  return t;
}

Table visits_by(pg::Connection& c, const Scope& s, const Options& o, const std::string& id, const char* label) {
  auto out = left_out(s, o);
  pg::Result r = run_rolled(c, std::string(" SELECT ") + label + ", 'visits', sum({n}) FROM p CROSS JOIN {from} WHERE " +
                                   kLast30 + " AND {scope} AND {keep} GROUP BY 1 ORDER BY 1",
                            kVisits, s, out, o);
  return pivot(id, r, {}, {"visits"}, out);
}

Table milestones(pg::Connection& c, const Scope& s, const Options& o, bool by_month) {
  const std::string body =
      std::string(" SELECT ") + (by_month ? "to_char(a.month, 'YYYY-MM'), a.milestone" : "a.milestone, 'women'") +
      ", sum({n}) FROM p CROSS JOIN {from} WHERE {scope} GROUP BY 1, 2 ORDER BY 1, 2";
  pg::Result r = run_rolled(c, body, kWomen, s, {}, o);
  std::vector<std::string> kinds = {"registered", "coached", "trained", "incubated", "project_started"};
  if (by_month) return pivot("milestone_women_by_month", r, {}, kinds, {});
  return pivot("milestone_women", r, kinds, {"women"}, {});
}

Table referrals(pg::Connection& c, const Scope& s, const Options& o) {
  auto out = left_out(s, o);
  pg::Result r = run_rolled(c, " SELECT a.state, 'referrals', sum({n}) FROM p CROSS JOIN {from} "
                               "WHERE {scope} AND NOT (a.from_service = ANY(p.leave_out)) GROUP BY 1 ORDER BY 1",
                            kReferrals, s, out, o);
  return pivot("referrals_by_state", r, {"proposed", "accepted", "declined", "completed", "not_completed"},
               {"referrals"}, out);
}

Table appointments(pg::Connection& c, const Scope& s, const Options& o) {
  auto out = left_out(s, o);
  pg::Result r = run_rolled(c, std::string(" SELECT a.event, 'appointments', sum({n}) FROM p CROSS JOIN {from} WHERE ") +
                                   kLast30 + " AND a.event IN ('kept', 'late', 'missed') AND {scope} AND {keep} "
                                   "GROUP BY 1 ORDER BY 1",
                            kAppointments, s, out, o);
  return pivot("appointments", r, {"kept", "late", "missed"}, {"appointments"}, out);
}

}  // namespace

std::string today_in_morocco(pg::Connection& c) {
  return c.exec("SELECT (now() AT TIME ZONE 'Africa/Casablanca')::date::text").text(0, 0);
}

std::vector<Region> regions(pg::Connection& c) {
  pg::Result r = c.exec("SELECT code, name_ar, name_fr FROM regions ORDER BY code");
  std::vector<Region> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2)});
  return out;
}

Overview overview(pg::Connection& c, const Scope& s, const Options& o) {
  Overview v;
  v.visits = visits_periods(c, s, o);
  v.visits_by_service = visits_by(c, s, o, "visits_by_service", "a.service");
  v.visits_by_region = visits_by(c, s, o, "visits_by_region", "coalesce({region}, '')");
  v.milestone_women = milestones(c, s, o, false);
  v.milestone_women_by_month = milestones(c, s, o, true);
  v.referrals_by_state = referrals(c, s, o);
  v.appointments = appointments(c, s, o);
  auto waits = detail::waits_of_scope(c, s, left_out(s, o), o);
  v.waits = detail::waits_for_rows(detail::wait_counts("waits", {""}, waits), waits).front();
  return v;
}

}  // namespace shubbak::upstream::dashboard
