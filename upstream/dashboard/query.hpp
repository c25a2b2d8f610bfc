// Inside the dashboard library: how a figure's SQL is scoped and run, and how its rows become a table.
#pragma once
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "upstream/dashboard/figures.hpp"
#include "upstream/pg/connection.hpp"

namespace shubbak::upstream::dashboard::detail {

// Runs `body` after "WITH p AS (SELECT $1 scope, $2 leave_out, $3 today)": body starts with " SELECT" or with
// ", other AS (...)". In body, {scope} becomes the scope's predicate over the aliases `a` (a table with centre_id)
// and `c` (centres, LEFT JOINed on a.centre_id), {keep} the predicate "a.service is not left out". `extra` are
// $4, $5...
pg::Result run(pg::Connection& c, const std::string& body, const Scope& scope,
               const std::vector<std::string>& leave_out, const std::string& today,
               const std::vector<pg::Param>& extra = {});

// An aggregate per centre and its region rollup (migration 5), for run_rolled: each table and what one of its rows
// counts (an expression over alias a).
struct Source {
  const char* per_centre;
  const char* per_centre_count;
  const char* rollup;
  const char* rollup_count;
};

// As run(), over `source`: in body, {from} is the table (alias a), {n} what a row counts and {region} the row's
// region code (NULL or '' when not set: coalesce it). The rollup when the scope is the nation or a region, nothing is
// left out and o.rollups (its sums are the same figures), else the aggregate with centres LEFT JOINed as c.
pg::Result run_rolled(pg::Connection& c, const std::string& body, const Source& source, const Scope& scope,
                      const std::vector<std::string>& leave_out, const Options& o);

// The services to leave out of a table: the sensitive ones when the scope is a centre or the rows are centres.
std::vector<std::string> left_out(const Scope& scope, const Options& o, bool rows_are_centres = false);

// A table from rows (row label, column label, count). Given labels come first in their order (absent ones are 0);
// labels not given are added in the order the rows bring them.
using Cells = std::vector<std::tuple<std::string, std::string, long long>>;
Table pivot(const std::string& id, const Cells& cells, std::vector<std::string> rows,
            std::vector<std::string> columns, const std::vector<std::string>& leave_out);
// The same from a query's first three columns.
Table pivot(const std::string& id, const pg::Result& r, std::vector<std::string> rows,
            std::vector<std::string> columns, const std::vector<std::string>& leave_out);

// The last 30 days (ending today) of an aggregate `a` with a `day` column.
inline constexpr const char* kLast30 = "a.day > p.today - 30 AND a.day <= p.today";

// The waits of one group: how many, and the buckets of the median and the 90th percentile (the smallest bucket
// holding the ceil(q*n)-th wait), worked out by the database (one row a group, not a row a bucket). Inside the
// library only.
struct WaitGroup {
  std::string label;
  long long n = 0;
  std::optional<int> median, p90;
};
// Waits over the last 30 days grouped by `group` (an SQL expression over a and c; "''" for one group), in the
// order of the groups. `where`: more predicates (" AND a.centre_id = $4"), `extra` their parameters.
std::vector<WaitGroup> waits_by(pg::Connection& c, const Scope& scope, const std::vector<std::string>& leave_out,
                                const std::string& today, const std::string& group,
                                const std::vector<pg::Param>& extra = {}, const std::string& where = "");
// The waits of the whole scope over the last 30 days (one group, label ""), from the region rollup where it serves.
std::vector<WaitGroup> waits_of_scope(pg::Connection& c, const Scope& scope, const std::vector<std::string>& leave_out,
                                      const Options& o);
// The table of the groups' counts (rows: `rows` in order, then groups not among them), suppressed.
Table wait_counts(const std::string& id, const std::vector<std::string>& rows, const std::vector<WaitGroup>& groups);
// The waits of each row of a table made by wait_counts: the shown count, and quantiles only if it is shown and at
// least kFewestWaitsForQuantiles.
std::vector<Waits> waits_for_rows(const Table& counts, const std::vector<WaitGroup>& groups);

// The health of the centres in scope (`where`, `extra`: more predicates over alias a = centres), flagged first.
std::vector<CentreHealth> health(pg::Connection& c, const Scope& s, const Options& o, const std::string& where,
                                 const std::vector<pg::Param>& extra);

}  // namespace shubbak::upstream::dashboard::detail
