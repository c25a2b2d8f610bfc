#include "upstream/dashboard/query.hpp"

#include <algorithm>

#include "upstream/pg/batch_rows.hpp"  // array_literal

namespace shubbak::upstream::dashboard::detail {

namespace {

const char* kParams = "WITH p AS (SELECT $1::text AS scope, $2::text[] AS leave_out, $3::date AS today)";

std::string predicate(const Scope& s) {
  switch (s.kind()) {
    case Scope::Kind::National: return "true";
    case Scope::Kind::Region: return "c.region_code = p.scope";
    case Scope::Kind::Centre: return "a.centre_id = p.scope";
  }
  return "false";
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

size_t index_of(std::vector<std::string>& labels, const std::string& l) {
  auto it = std::find(labels.begin(), labels.end(), l);
  if (it != labels.end()) return static_cast<size_t>(it - labels.begin());
  labels.push_back(l);
  return labels.size() - 1;
}

}  // namespace

pg::Result run(pg::Connection& c, const std::string& body, const Scope& scope,
               const std::vector<std::string>& leave_out, const std::string& today,
               const std::vector<pg::Param>& extra) {
  std::string sql = kParams + body;
  replace_all(sql, "{scope}", predicate(scope));
  replace_all(sql, "{keep}", "NOT (a.service = ANY(p.leave_out))");
  std::vector<pg::Param> out_list(leave_out.begin(), leave_out.end());
  std::vector<pg::Param> params = {scope.kind() == Scope::Kind::National ? pg::Param() : pg::Param(scope.code()),
                                   pg::array_literal(out_list), today};
  params.insert(params.end(), extra.begin(), extra.end());
  return c.exec(sql, params);
}

std::vector<std::string> left_out(const Scope& scope, const Options& o, bool rows_are_centres) {
  if (scope.kind() == Scope::Kind::Centre || rows_are_centres) return o.sensitive_services;
  return {};
}

Table pivot(const std::string& id, const pg::Result& r, std::vector<std::string> rows,
            std::vector<std::string> columns, const std::vector<std::string>& leave_out) {
  std::vector<std::tuple<size_t, size_t, long long>> at;
  for (int i = 0; i < r.rows(); ++i)
    at.emplace_back(index_of(rows, r.text(i, 0)), index_of(columns, r.text(i, 1)), r.integer(i, 2));
  RawTable raw{id, columns, rows, std::vector<std::vector<long long>>(rows.size(),
                                                                     std::vector<long long>(columns.size(), 0))};
  for (auto [i, j, n] : at) raw.cells[i][j] += n;
  Table t = suppress(raw);
  if (!leave_out.empty()) t.notes.push_back(kSensitiveLeftOutNote);
  return t;
}

Waits waits_from_histogram(const std::vector<std::pair<int, long long>>& buckets) {
  long long n = 0;
  for (const auto& b : buckets) n += b.second;
  Waits w;
  w.count = n >= 1 && n < kSmallestShownCount ? Shown::hidden() : Shown::count(n);
  if (n < kFewestWaitsForQuantiles) return w;
  auto quantile = [&](long long num, long long den) {
    long long rank = (n * num + den - 1) / den, seen = 0;  // the smallest bucket holding the ceil(q*n)-th wait
    for (const auto& b : buckets)
      if ((seen += b.second) >= rank) return b.first;
    return buckets.back().first;
  };
  w.median_minutes = quantile(1, 2);
  w.p90_minutes = quantile(9, 10);
  return w;
}

}  // namespace shubbak::upstream::dashboard::detail
