// Waits from the histogram agg_waits (figures.hpp, Waits).
#include "upstream/dashboard/query.hpp"

namespace shubbak::upstream::dashboard::detail {

std::vector<WaitGroup> waits_by(pg::Connection& c, const Scope& scope, const std::vector<std::string>& leave_out,
                                const std::string& today, const std::string& group,
                                const std::vector<pg::Param>& extra, const std::string& where) {
  pg::Result r = run(c, " SELECT " + group + ", a.bucket, sum(n) FROM p CROSS JOIN agg_waits a LEFT JOIN centres c ON "
                        "c.centre_id = a.centre_id WHERE " + kLast30 + " AND {scope} AND {keep}" + where +
                            " GROUP BY 1, 2 ORDER BY 1, 2",
                     scope, leave_out, today, extra);
  std::vector<WaitGroup> groups;
  for (int i = 0; i < r.rows(); ++i) {
    if (groups.empty() || groups.back().label != r.text(i, 0)) groups.push_back({r.text(i, 0), 0, {}});
    groups.back().buckets.emplace_back(static_cast<int>(r.integer(i, 1)), r.integer(i, 2));
    groups.back().n += r.integer(i, 2);
  }
  return groups;
}

Table wait_counts(const std::string& id, const std::vector<std::string>& rows, const std::vector<WaitGroup>& groups) {
  RawTable raw{id, {"waits"}, rows, std::vector<std::vector<long long>>(rows.size(), std::vector<long long>{0})};
  for (const WaitGroup& g : groups) {
    size_t i = 0;
    while (i < raw.rows.size() && raw.rows[i] != g.label) ++i;
    if (i == raw.rows.size()) {
      raw.rows.push_back(g.label);
      raw.cells.push_back({0});
    }
    raw.cells[i][0] += g.n;
  }
  return suppress(raw);
}

std::vector<Waits> waits_for_rows(const Table& counts, const std::vector<WaitGroup>& groups) {
  std::vector<Waits> out;
  for (size_t i = 0; i < counts.rows.size(); ++i) {
    Waits w;
    for (const WaitGroup& g : groups)
      if (g.label == counts.rows[i]) w = waits_from_histogram(g.buckets);
    w.count = counts.cells[i][0];
    if (w.count.is_hidden() || *w.count.value() < kFewestWaitsForQuantiles) w.median_minutes = w.p90_minutes = std::nullopt;
    out.push_back(w);
  }
  return out;
}

}  // namespace shubbak::upstream::dashboard::detail
