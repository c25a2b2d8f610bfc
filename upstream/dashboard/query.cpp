#include "upstream/dashboard/query.hpp"

#include <tuple>
#include <unordered_map>

#include "upstream/pg/batch_rows.hpp"  // array_literal

namespace shubbak::upstream::dashboard::detail {

namespace {

const char* kParams = "WITH p AS (SELECT $1::text AS scope, $2::text[] AS leave_out, $3::date AS today)";

std::string predicate(const Scope& s) {
  switch (s.kind()) {
    case Scope::Kind::National: return "true";
    case Scope::Kind::Region: return "{region} = p.scope";
    case Scope::Kind::Centre: return "a.centre_id = p.scope";
  }
  return "false";
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

// Labels and where each is (a table over 1,100 centres looks a label up once a row, not along the list).
class Labels {
 public:
  explicit Labels(std::vector<std::string>& labels) : labels_(labels) {
    for (size_t i = 0; i < labels_.size(); ++i) at_.emplace(labels_[i], i);
  }
  size_t index_of(const std::string& l) {
    auto [it, added] = at_.emplace(l, labels_.size());
    if (added) labels_.push_back(l);
    return it->second;
  }

 private:
  std::vector<std::string>& labels_;
  std::unordered_map<std::string, size_t> at_;
};

}  // namespace

pg::Result run(pg::Connection& c, const std::string& body, const Scope& scope,
               const std::vector<std::string>& leave_out, const std::string& today,
               const std::vector<pg::Param>& extra) {
  std::string sql = kParams + body;
  replace_all(sql, "{scope}", predicate(scope));
  replace_all(sql, "{region}", "c.region_code");
  replace_all(sql, "{keep}", "NOT (a.service = ANY(p.leave_out))");
  std::vector<pg::Param> out_list(leave_out.begin(), leave_out.end());
  std::vector<pg::Param> params = {scope.kind() == Scope::Kind::National ? pg::Param() : pg::Param(scope.code()),
                                   pg::array_literal(out_list), today};
  params.insert(params.end(), extra.begin(), extra.end());
  return c.exec(sql, params);
}

pg::Result run_rolled(pg::Connection& c, const std::string& body, const Source& source, const Scope& scope,
                      const std::vector<std::string>& leave_out, const Options& o) {
  const bool rolled = o.rollups && scope.kind() != Scope::Kind::Centre && leave_out.empty();
  std::string b = body;
  replace_all(b, "{scope}", predicate(scope));
  replace_all(b, "{from}", rolled ? std::string(source.rollup) + " a"
                                  : std::string(source.per_centre) + " a LEFT JOIN centres c ON c.centre_id = a.centre_id");
  replace_all(b, "{n}", rolled ? source.rollup_count : source.per_centre_count);
  if (rolled) replace_all(b, "{region}", "a.region_code");
  return run(c, b, scope, leave_out, o.today);
}

std::vector<std::string> left_out(const Scope& scope, const Options& o, bool rows_are_centres) {
  if (scope.kind() == Scope::Kind::Centre || rows_are_centres) return o.sensitive_services;
  return {};
}

Table pivot(const std::string& id, const pg::Result& r, std::vector<std::string> rows,
            std::vector<std::string> columns, const std::vector<std::string>& leave_out) {
  Cells cells;
  for (int i = 0; i < r.rows(); ++i) cells.emplace_back(r.text(i, 0), r.text(i, 1), r.integer(i, 2));
  return pivot(id, cells, std::move(rows), std::move(columns), leave_out);
}

Table pivot(const std::string& id, const Cells& cells, std::vector<std::string> rows,
            std::vector<std::string> columns, const std::vector<std::string>& leave_out) {
  std::vector<std::tuple<size_t, size_t, long long>> at;
  Labels row_at(rows), column_at(columns);
  for (const auto& [row, column, n] : cells) at.emplace_back(row_at.index_of(row), column_at.index_of(column), n);
  RawTable raw{id, columns, rows, std::vector<std::vector<long long>>(rows.size(),
                                                                     std::vector<long long>(columns.size(), 0))};
  for (auto [i, j, n] : at) raw.cells[i][j] += n;
  Table t = suppress(raw);
  if (!leave_out.empty()) t.notes.push_back(kSensitiveLeftOutNote);
  return t;
}

}  // namespace shubbak::upstream::dashboard::detail
