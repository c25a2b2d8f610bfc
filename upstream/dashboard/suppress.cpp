#include "upstream/dashboard/suppress.hpp"

#include <stdexcept>

namespace shubbak::upstream::dashboard {

namespace {

bool small(long long n) { return n >= 1 && n < kSmallestShownCount; }

// The table with its totals as one (R+1) x (C+1) grid: last column the row totals, last row the column totals.
struct Grid {
  size_t r, c;
  std::vector<std::vector<long long>> n;
  std::vector<std::vector<bool>> hidden;
};

Grid grid_of(const RawTable& raw) {
  Grid g{raw.rows.size(), raw.columns.size(), {}, {}};
  g.n.assign(g.r + 1, std::vector<long long>(g.c + 1, 0));
  for (size_t i = 0; i < g.r; ++i) {
    if (raw.cells.at(i).size() != g.c) throw std::invalid_argument("table " + raw.id + ": a row of the wrong length");
    for (size_t j = 0; j < g.c; ++j) {
      long long v = raw.cells[i][j];
      if (v < 0) throw std::invalid_argument("table " + raw.id + ": a negative count");
      g.n[i][j] = v;
      g.n[i][g.c] += v;
      g.n[g.r][j] += v;
      g.n[g.r][g.c] += v;
    }
  }
  g.hidden.assign(g.r + 1, std::vector<bool>(g.c + 1, false));
  for (size_t i = 0; i <= g.r; ++i)
    for (size_t j = 0; j <= g.c; ++j) g.hidden[i][j] = small(g.n[i][j]);
  return g;
}

// A line of the grid: row i (cells (i, 0..c)) or column j (cells (0..r, j)); its last member is its total.
struct Line {
  bool is_row;
  size_t index, length;
};

std::pair<size_t, size_t> at(const Line& l, size_t k) {
  return l.is_row ? std::make_pair(l.index, k) : std::make_pair(k, l.index);
}

// Hides one more member of a line that has exactly one hidden: the smallest shown non-zero cell, else its total,
// else a shown zero. Returns false if the line needed nothing.
bool protect(Grid& g, const Line& l) {
  size_t hidden = 0;
  for (size_t k = 0; k < l.length; ++k) {
    auto [i, j] = at(l, k);
    hidden += g.hidden[i][j];
  }
  if (hidden != 1) return false;
  std::optional<size_t> best;
  for (size_t k = 0; k + 1 < l.length; ++k) {
    auto [i, j] = at(l, k);
    if (g.hidden[i][j] || g.n[i][j] == 0) continue;
    if (!best || g.n[i][j] < g.n[at(l, *best).first][at(l, *best).second]) best = k;
  }
  if (!best && !g.hidden[at(l, l.length - 1).first][at(l, l.length - 1).second]) best = l.length - 1;
  for (size_t k = 0; !best && k < l.length; ++k)
    if (!g.hidden[at(l, k).first][at(l, k).second]) best = k;
  if (!best) return false;
  auto [i, j] = at(l, *best);
  g.hidden[i][j] = true;
  return true;
}

void complementary(Grid& g) {
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i <= g.r; ++i) changed |= protect(g, {true, i, g.c + 1});
    for (size_t j = 0; j <= g.c; ++j) changed |= protect(g, {false, j, g.r + 1});
  }
}

Shown shown(const Grid& g, size_t i, size_t j) { return g.hidden[i][j] ? Shown::hidden() : Shown::count(g.n[i][j]); }

}  // namespace

Table suppress(const RawTable& raw) {
  Grid g = grid_of(raw);
  complementary(g);
  Table t;
  t.id = raw.id;
  t.columns = raw.columns;
  t.rows = raw.rows;
  for (size_t i = 0; i < g.r; ++i) {
    std::vector<Shown> row;
    for (size_t j = 0; j < g.c; ++j) row.push_back(shown(g, i, j));
    t.cells.push_back(std::move(row));
    if (g.c > 1) t.row_totals.push_back(shown(g, i, g.c));
  }
  if (g.r > 1)
    for (size_t j = 0; j < g.c; ++j) t.column_totals.push_back(shown(g, g.r, j));
  t.total = shown(g, g.r, g.c);
  return t;
}

Table running_totals(const std::string& id, const std::vector<std::string>& labels, const std::string& column,
                     const std::vector<long long>& parts) {
  RawTable raw{id, {column}, labels, {}};
  for (long long n : parts) raw.cells.push_back({n});
  Table pieces = suppress(raw);
  Table t{id, {column}, labels, {}, {}, {}, std::nullopt, {}};
  long long sum = 0;
  for (size_t k = 0; k < parts.size(); ++k) {
    sum += parts[k];
    size_t before = 0, after = 0;
    for (size_t i = 0; i < parts.size(); ++i) (i <= k ? before : after) += pieces.cells[i][0].is_hidden();
    bool hide = small(sum) || before == 1 || after == 1 || (k + 1 == parts.size() && pieces.total->is_hidden());
    t.cells.push_back({hide ? Shown::hidden() : Shown::count(sum)});
  }
  return t;
}

}  // namespace shubbak::upstream::dashboard
