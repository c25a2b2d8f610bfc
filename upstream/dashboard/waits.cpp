// Waits from the histogram agg_waits (figures.hpp, Waits).
#include <unordered_map>

#include "upstream/dashboard/query.hpp"

namespace shubbak::upstream::dashboard::detail {

namespace {

// Each group's count and the buckets holding its ceil(n/2)-th and ceil(9n/10)-th waits, one row a group: a page
// over 1,100 centres reads 1,100 rows, not every centre's histogram. The groups are told apart byte by byte
// (COLLATE "C": a third faster sort of the centres page's 40,000 groups than in the database's collation); the
// rows come out in the database's collation as before.
const char* kQuantiles = R"SQL(
  ), r AS (
    SELECT g, bucket, (sum(n) OVER (PARTITION BY g COLLATE "C" ORDER BY bucket))::bigint AS seen,
           (sum(n) OVER (PARTITION BY g COLLATE "C"))::bigint AS total
    FROM h
  ) SELECT g, total, min(bucket) FILTER (WHERE seen >= (total + 1) / 2),
           min(bucket) FILTER (WHERE seen >= (total * 9 + 9) / 10)
    FROM r GROUP BY g, total ORDER BY g)SQL";

// The histogram h of each group `group` over {from} (run_rolled's).
std::string histogram(const std::string& group, const std::string& where) {
  return ", h AS (SELECT " + group + " AS g, a.bucket, sum(a.n) AS n FROM p CROSS JOIN {from} WHERE " + kLast30 +
         " AND {scope} AND {keep}" + where + " GROUP BY 1, 2" + kQuantiles;
}

std::vector<WaitGroup> groups_of(const pg::Result& r) {
  std::vector<WaitGroup> groups;
  for (int i = 0; i < r.rows(); ++i) {
    WaitGroup g{r.text(i, 0), r.integer(i, 1), std::nullopt, std::nullopt};
    if (!r.null(i, 2)) g.median = static_cast<int>(r.integer(i, 2));
    if (!r.null(i, 3)) g.p90 = static_cast<int>(r.integer(i, 3));
    groups.push_back(std::move(g));
  }
  return groups;
}

}  // namespace

std::vector<WaitGroup> waits_by(pg::Connection& c, const Scope& scope, const std::vector<std::string>& leave_out,
                                const std::string& today, const std::string& group,
                                const std::vector<pg::Param>& extra, const std::string& where) {
  std::string body = histogram(group, where);
  body.replace(body.find("{from}"), 6, "agg_waits a LEFT JOIN centres c ON c.centre_id = a.centre_id");
  return groups_of(run(c, body, scope, leave_out, today, extra));
}

std::vector<WaitGroup> waits_of_scope(pg::Connection& c, const Scope& scope, const std::vector<std::string>& leave_out,
                                      const Options& o) {
  const Source waits{"agg_waits", "a.n", "roll_waits", "a.n"};
  return groups_of(run_rolled(c, histogram("''", ""), waits, scope, leave_out, o));
}

Table wait_counts(const std::string& id, const std::vector<std::string>& rows, const std::vector<WaitGroup>& groups) {
  RawTable raw{id, {"waits"}, rows, std::vector<std::vector<long long>>(rows.size(), std::vector<long long>{0})};
  std::unordered_map<std::string, size_t> at;
  for (size_t i = 0; i < raw.rows.size(); ++i) at.emplace(raw.rows[i], i);
  for (const WaitGroup& g : groups) {
    auto [it, added] = at.emplace(g.label, raw.rows.size());
    if (added) {
      raw.rows.push_back(g.label);
      raw.cells.push_back({0});
    }
    raw.cells[it->second][0] += g.n;
  }
  return suppress(raw);
}

std::vector<Waits> waits_for_rows(const Table& counts, const std::vector<WaitGroup>& groups) {
  std::unordered_map<std::string, const WaitGroup*> by_label;
  for (const WaitGroup& g : groups) by_label[g.label] = &g;
  std::vector<Waits> out;
  for (size_t i = 0; i < counts.rows.size(); ++i) {
    Waits w;
    w.count = counts.cells[i][0];
    auto it = by_label.find(counts.rows[i]);
    // Quantiles only over a shown count of at least kFewestWaitsForQuantiles (fewer could describe one woman).
    if (it != by_label.end() && !w.count.is_hidden() && *w.count.value() >= kFewestWaitsForQuantiles) {
      w.median_minutes = it->second->median;
      w.p90_minutes = it->second->p90;
    }
    out.push_back(w);
  }
  return out;
}

}  // namespace shubbak::upstream::dashboard::detail
