// Small-count suppression (upstream/dashboard/suppress.hpp): no count from 1 to 4 is ever shown, and no row or
// column can be worked out from its total and the shown cells.
#include <gtest/gtest.h>

#include <random>

#include "upstream/dashboard/suppress.hpp"

namespace shubbak::testing {
namespace {

using upstream::dashboard::RawTable;
using upstream::dashboard::Shown;
using upstream::dashboard::Table;
using upstream::dashboard::running_totals;
using upstream::dashboard::suppress;

RawTable raw(std::vector<std::vector<long long>> cells) {
  RawTable r{"t", {}, {}, std::move(cells)};
  for (size_t i = 0; i < r.cells.size(); ++i) r.rows.push_back("r" + std::to_string(i));
  for (size_t j = 0; j < (r.cells.empty() ? 0 : r.cells[0].size()); ++j) r.columns.push_back("c" + std::to_string(j));
  return r;
}

// Every line of the table with its totals (as the page shows them): its members, the last one its total.
std::vector<std::vector<Shown>> lines(const Table& t) {
  std::vector<std::vector<Shown>> out;
  size_t r = t.rows.size(), c = t.columns.size();
  auto row_total = [&](size_t i) { return c > 1 ? t.row_totals[i] : t.cells[i][0]; };
  auto col_total = [&](size_t j) { return r > 1 ? t.column_totals[j] : t.cells[0][j]; };
  for (size_t i = 0; i < r; ++i) {
    out.push_back(t.cells[i]);
    out.back().push_back(row_total(i));
  }
  for (size_t j = 0; j < c; ++j) {
    std::vector<Shown> l;
    for (size_t i = 0; i < r; ++i) l.push_back(t.cells[i][j]);
    l.push_back(col_total(j));
    out.push_back(l);
  }
  std::vector<Shown> totals_row, totals_col;
  for (size_t j = 0; j < c; ++j) totals_row.push_back(col_total(j));
  totals_row.push_back(*t.total);
  for (size_t i = 0; i < r; ++i) totals_col.push_back(row_total(i));
  totals_col.push_back(*t.total);
  out.push_back(totals_row);
  out.push_back(totals_col);
  return out;
}

void expect_safe(const RawTable& in, const Table& t) {
  long long grand = 0;
  for (size_t i = 0; i < in.cells.size(); ++i) {
    long long row = 0;
    for (size_t j = 0; j < in.cells[i].size(); ++j) {
      long long n = in.cells[i][j];
      row += n;
      if (n >= 1 && n <= 4) {
        EXPECT_TRUE(t.cells[i][j].is_hidden()) << "cell " << i << "," << j << " = " << n;
      }
      if (!t.cells[i][j].is_hidden()) {
        EXPECT_EQ(t.cells[i][j].value(), n);
      }
    }
    if (row >= 1 && row <= 4 && in.cells[i].size() > 1) {
      EXPECT_TRUE(t.row_totals[i].is_hidden());
    }
    grand += row;
  }
  if (grand >= 1 && grand <= 4) {
    EXPECT_TRUE(t.total->is_hidden());
  }
  for (const auto& l : lines(t)) {
    int hidden = 0;
    for (const Shown& s : l) hidden += s.is_hidden();
    EXPECT_NE(hidden, 1) << "a line with exactly one hidden member gives it away";
  }
}

TEST(DashboardSuppress, SmallCountsShowAsLessThanFiveAndZeroStaysZero) {
  Table t = suppress(raw({{0}, {3}, {7}, {12}}));
  EXPECT_EQ(t.cells[0][0].text(), "0");
  EXPECT_EQ(t.cells[1][0].text(), "<5");
  EXPECT_FALSE(t.cells[1][0].value().has_value());  // the hidden value is not kept at all
  // 22 total minus 0 and 12 would give 10 = 3 + 7: the 7 is hidden too (the smallest shown non-zero cell).
  EXPECT_EQ(t.cells[2][0].text(), "<5");
  EXPECT_EQ(t.cells[3][0].text(), "12");
  EXPECT_EQ(t.total->text(), "22");
}

TEST(DashboardSuppress, OneSmallCellInATwoWayTableHidesFourCells) {
  RawTable in = raw({{3, 10, 20}, {8, 9, 30}});
  Table t = suppress(in);
  expect_safe(in, t);
  EXPECT_TRUE(t.cells[0][0].is_hidden());
  int hidden = 0;
  for (const auto& row : t.cells)
    for (const Shown& s : row) hidden += s.is_hidden();
  EXPECT_GE(hidden, 4);  // a small cell in a two-way table needs a rectangle of four
}

TEST(DashboardSuppress, ASmallTotalIsHiddenWithItsCells) {
  RawTable in = raw({{1, 2}, {0, 0}});
  Table t = suppress(in);
  expect_safe(in, t);
  EXPECT_TRUE(t.row_totals[0].is_hidden());
  EXPECT_TRUE(t.total->is_hidden());
  EXPECT_EQ(t.row_totals[1].text(), "0");
}

TEST(DashboardSuppress, RandomTablesNeverRevealASmallCount) {
  std::mt19937 rng(20261201);
  for (int n = 0; n < 3000; ++n) {
    size_t r = 1 + rng() % 7, c = 1 + rng() % 6;
    std::vector<std::vector<long long>> cells(r, std::vector<long long>(c));
    for (auto& row : cells)
      for (auto& v : row) {
        unsigned k = rng() % 10;
        v = k < 2 ? 0 : k < 6 ? 1 + rng() % 4 : 5 + rng() % 60;
      }
    RawTable in = raw(cells);
    SCOPED_TRACE("table " + std::to_string(n));
    expect_safe(in, suppress(in));
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(DashboardSuppress, RunningTotalsHideWhatADifferenceWouldGive) {
  // today 3, days 2-7: 10, days 8-30: 40 -> "today" hidden; 7 days (13) and 30 days (53) shown would give nothing
  // only if the piece "days 2-7" is hidden too, so that 13 - 10 is not available.
  Table t = running_totals("visits", {"today", "7_days", "30_days"}, "visits", {3, 10, 40});
  EXPECT_TRUE(t.cells[0][0].is_hidden());
  EXPECT_FALSE(t.total.has_value());
  // Whatever is shown, no shown figure minus another shown figure (or itself) is 3.
  std::vector<long long> shown;
  for (const auto& row : t.cells)
    if (!row[0].is_hidden()) shown.push_back(*row[0].value());
  for (long long a : shown) {
    EXPECT_NE(a, 3);
    for (long long b : shown) {
      EXPECT_NE(a - b, 3);
    }
  }
  Table big = running_totals("visits", {"today", "7_days", "30_days"}, "visits", {12, 40, 100});
  EXPECT_EQ(big.cells[0][0].text(), "12");
  EXPECT_EQ(big.cells[1][0].text(), "52");
  EXPECT_EQ(big.cells[2][0].text(), "152");
}

}  // namespace
}  // namespace shubbak::testing
