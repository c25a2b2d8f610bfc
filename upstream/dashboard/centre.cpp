// The centre page's figures (figures.hpp): every table leaves the sensitive services out, cells and totals.
#include "upstream/dashboard/figures.hpp"
#include "upstream/dashboard/query.hpp"

namespace shubbak::upstream::dashboard {

using detail::kLast30;
using detail::pivot;
using detail::run;

namespace {

// The scope's predicate AND this centre: a centre outside the scope gives no rows at all.
const char* kThisCentre = " AND a.centre_id = $4";

struct Ask {
  pg::Connection& c;
  const Scope& s;
  const Options& o;
  const std::vector<std::string>& out;
  const std::string& id;

  pg::Result operator()(const std::string& select, const std::string& from, const std::string& where) const {
    return run(c, " SELECT " + select + " FROM p CROSS JOIN " + from +
                      " a LEFT JOIN centres c ON c.centre_id = a.centre_id WHERE {scope}" + kThisCentre + where +
                      " GROUP BY 1, 2 ORDER BY 1, 2",
               s, out, o.today, {id});
  }
};

const std::string kRecent = std::string(" AND ") + kLast30 + " AND {keep}";

void visits(const Ask& ask, CentrePage& p) {
  p.visits_by_service =
      pivot("visits_by_service", ask("a.service, 'visits', sum(visits)", "agg_visits_day", kRecent), {}, {"visits"},
            ask.out);
  std::vector<std::string> hours;
  for (int h = 0; h < 24; ++h) hours.push_back(std::to_string(h));
  p.visits_by_hour =
      pivot("visits_by_hour", ask("a.hour::text, 'visits', sum(visits)", "agg_visits", kRecent), hours, {"visits"},
            ask.out);
}

void outcomes(const Ask& ask, CentrePage& p) {
  p.outcomes = pivot("outcomes", ask("a.service, a.event, sum(n)", "agg_outcomes", kRecent), {},
                     {"served", "no_show", "transferred"}, ask.out);
  p.served_outcomes = pivot("served_outcomes",
                            ask("a.outcome, 'served', sum(n)", "agg_outcomes", kRecent + " AND a.event = 'served'"),
                            {}, {"served"}, ask.out);
}

void accompaniment(const Ask& ask, CentrePage& p) {
  p.referrals_by_state =
      pivot("referrals_by_state",
            ask("a.state, 'referrals', count(*)", "referral_states", " AND NOT (a.from_service = ANY(p.leave_out))"),
            {"proposed", "accepted", "declined", "completed", "not_completed"}, {"referrals"}, ask.out);
  p.milestone_women = pivot("milestone_women", ask("a.milestone, 'women', count(*)", "women_milestones", ""),
                            {"registered", "coached", "trained", "incubated", "project_started"}, {"women"}, {});
  p.appointments = pivot("appointments",
                         ask("a.service, a.event, sum(n)", "agg_appointments",
                             kRecent + " AND a.event IN ('booked', 'kept', 'late', 'missed')"),
                         {}, {"booked", "kept", "late", "missed"}, ask.out);
}

}  // namespace

std::optional<CentrePage> centre(pg::Connection& c, const Scope& s, const std::string& centre_id, const Options& o) {
  auto health = detail::health(c, s, o, kThisCentre, {centre_id});
  if (health.empty()) return std::nullopt;
  CentrePage p;
  p.health = health.front();
  const std::vector<std::string> out = o.sensitive_services;  // a centre's page: below region level
  Ask ask{c, s, o, out, centre_id};
  visits(ask, p);
  outcomes(ask, p);
  accompaniment(ask, p);
  auto waits = detail::waits_by(c, s, out, o.today, "a.service", {centre_id}, kThisCentre);
  p.waits_by_service = detail::wait_counts("waits_by_service", {}, waits);
  p.waits = detail::waits_for_rows(p.waits_by_service, waits);
  if (!out.empty()) {
    p.notes.push_back(kSensitiveLeftOutNote);
    p.waits_by_service.notes.push_back(kSensitiveLeftOutNote);
  }
  return p;
}

}  // namespace shubbak::upstream::dashboard
