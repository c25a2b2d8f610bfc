// The centres page (every centre in scope with its health) and the centre page's health (figures.hpp).
#include "upstream/dashboard/figures.hpp"
#include "upstream/dashboard/query.hpp"

namespace shubbak::upstream::dashboard {

namespace detail {

// `where`: more predicates (e.g. " AND a.centre_id = $4").
std::vector<CentreHealth> health(pg::Connection& c, const Scope& s, const Options& o, const std::string& where,
                                 const std::vector<pg::Param>& extra) {
  pg::Result r = run(c, R"SQL(, k AS (
    SELECT centre_id, max(last_seen) AS last_seen, sum(pending) AS backlog, min(free_disk_bytes) AS free,
           (array_agg(version ORDER BY last_seen DESC))[1] AS version,
           bool_or(previous_pending IS NOT NULL AND pending > previous_pending) AS growing
    FROM kiosk_health GROUP BY centre_id
  ), h AS (
    SELECT a.centre_id, coalesce(a.region_code, '') AS region, coalesce(a.name, '') AS name,
           coalesce(to_char(k.last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '') AS seen,
           coalesce(k.backlog, 0) AS backlog, k.free, coalesce(k.version, '') AS version,
           (k.last_seen IS NULL OR k.last_seen < now() - make_interval(hours => )SQL" +
                            std::to_string(kSilentAfterHours) + R"SQL()) AS silent, coalesce(k.growing, false) AS growing
    FROM p CROSS JOIN centres a LEFT JOIN centres c ON c.centre_id = a.centre_id
    LEFT JOIN k ON k.centre_id = a.centre_id
    WHERE {scope})SQL" + where + R"SQL(
  ) SELECT * FROM h ORDER BY (silent OR growing) DESC, centre_id)SQL",
                     s, {}, o.today, extra);
  std::vector<CentreHealth> out;
  for (int i = 0; i < r.rows(); ++i) {
    CentreHealth h{r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.integer(i, 4), std::nullopt,
                   r.text(i, 6), r.text(i, 7) == "t", r.text(i, 8) == "t"};
    if (!r.null(i, 5)) h.free_disk_bytes = r.integer(i, 5);
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace detail

namespace {

// Each centre in scope from migration 6's window, after a first column saying whether the window counts this day
// and these services (one row with only that when no centre is in it). One statement: the answer and the rows are
// of the same moment, even as the aggregator moves the window to a new day.
const char* kFromWindow = R"SQL(, ok AS (
    SELECT EXISTS (SELECT 1 FROM win_state s WHERE s.today = p.today AND s.leave_out = win_key(p.leave_out)) AS ok
    FROM p
  ) SELECT ok.ok, w.centre_id, w.visits, w.waits, w.median, w.p90 FROM p CROSS JOIN ok LEFT JOIN LATERAL (
    SELECT a.* FROM win_centres a LEFT JOIN centres c ON c.centre_id = a.centre_id WHERE ok.ok AND {scope}
  ) w ON true ORDER BY w.centre_id)SQL";

// The visits and waits of the page's centres `ids` from the window; false (nothing set) if it does not count
// o.today and the services left out `out`, or if o.centre_window is false.
bool from_window(pg::Connection& c, const Scope& s, const Options& o, const std::vector<std::string>& out,
                 const std::vector<std::string>& ids, CentresPage& page) {
  if (!o.centre_window) return false;
  pg::Result r = detail::run(c, kFromWindow, s, out, o.today);
  if (r.rows() == 0 || r.text(0, 0) != "t") return false;
  detail::Cells visits;
  std::vector<detail::WaitGroup> waits;
  for (int i = 0; i < r.rows(); ++i) {
    if (r.null(i, 1)) continue;
    if (r.integer(i, 2) > 0) visits.emplace_back(r.text(i, 1), "visits", r.integer(i, 2));
    if (r.integer(i, 3) == 0) continue;
    detail::WaitGroup g{r.text(i, 1), r.integer(i, 3), std::nullopt, std::nullopt};
    if (!r.null(i, 4)) g.median = static_cast<int>(r.integer(i, 4));
    if (!r.null(i, 5)) g.p90 = static_cast<int>(r.integer(i, 5));
    waits.push_back(std::move(g));
  }
  page.visits = detail::pivot("visits_by_centre", visits, ids, {"visits"}, out);
  page.waits = detail::waits_for_rows(detail::wait_counts("waits_by_centre", ids, waits), waits);
  return true;
}

// The same summed from the aggregates.
void from_aggregates(pg::Connection& c, const Scope& s, const Options& o, const std::vector<std::string>& out,
                     const std::vector<std::string>& ids, CentresPage& page) {
  pg::Result r = detail::run(c, std::string(" SELECT a.centre_id, 'visits', sum(visits) FROM p CROSS JOIN "
                                            "agg_visits_day a LEFT JOIN centres c ON c.centre_id = a.centre_id "
                                            "WHERE ") + detail::kLast30 +
                                    " AND {scope} AND {keep} GROUP BY 1 ORDER BY 1",
                             s, out, o.today);
  page.visits = detail::pivot("visits_by_centre", r, ids, {"visits"}, out);
  auto waits = detail::waits_by(c, s, out, o.today, "a.centre_id");
  page.waits = detail::waits_for_rows(detail::wait_counts("waits_by_centre", ids, waits), waits);
}

}  // namespace

CentresPage centres(pg::Connection& c, const Scope& s, const Options& o) {
  CentresPage page;
  page.centres = detail::health(c, s, o, "", {});
  std::vector<std::string> ids;
  for (const CentreHealth& h : page.centres) ids.push_back(h.centre_id);
  auto out = detail::left_out(s, o, true);
  if (!from_window(c, s, o, out, ids, page)) from_aggregates(c, s, o, out, ids, page);
  if (!out.empty()) page.notes.push_back(kSensitiveLeftOutNote);
  return page;
}

}  // namespace shubbak::upstream::dashboard
