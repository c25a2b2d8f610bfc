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

CentresPage centres(pg::Connection& c, const Scope& s, const Options& o) {
  CentresPage page;
  page.centres = detail::health(c, s, o, "", {});
  std::vector<std::string> ids;
  for (const CentreHealth& h : page.centres) ids.push_back(h.centre_id);
  auto out = detail::left_out(s, o, true);
  pg::Result r = detail::run(c, std::string(" SELECT a.centre_id, 'visits', sum(visits) FROM p CROSS JOIN "
                                            "agg_visits_day a LEFT JOIN centres c ON c.centre_id = a.centre_id "
                                            "WHERE ") + detail::kLast30 +
                                    " AND {scope} AND {keep} GROUP BY 1 ORDER BY 1",
                             s, out, o.today);
  page.visits = detail::pivot("visits_by_centre", r, ids, {"visits"}, out);
  auto waits = detail::waits_by(c, s, out, o.today, "a.centre_id");
  page.waits = detail::waits_for_rows(detail::wait_counts("waits_by_centre", ids, waits), waits);
  if (!out.empty()) page.notes.push_back(kSensitiveLeftOutNote);
  return page;
}

}  // namespace shubbak::upstream::dashboard
