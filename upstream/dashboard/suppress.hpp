// Small-count suppression (issue 17, "Never single out a woman"), pure C++. A table of counts becomes a table of
// shown cells: every count from 1 to 4 is "<5" (primary suppression), and more cells are hidden until no row or
// column can be worked out from its total and the cells shown (complementary suppression). A hidden cell keeps no
// value at all, so nothing downstream (page, chart, CSV) can print it by mistake.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace shubbak::upstream::dashboard {

inline constexpr long long kSmallestShownCount = 5;  // 1..4 are "<5"; 0 is shown (nobody to single out)
inline constexpr const char* kHiddenText = "<5";

// One shown number, or "<5".
class Shown {
 public:
  static Shown count(long long n) { return Shown(n, false); }
  static Shown hidden() { return Shown(0, true); }
  bool is_hidden() const { return hidden_; }
  std::optional<long long> value() const { return hidden_ ? std::nullopt : std::optional<long long>(value_); }
  std::string text() const { return hidden_ ? kHiddenText : std::to_string(value_); }
  bool operator==(const Shown& o) const { return hidden_ == o.hidden_ && value_ == o.value_; }

 private:
  Shown(long long v, bool h) : value_(v), hidden_(h) {}
  long long value_;
  bool hidden_;
};

// Counts before suppression: cells[row][column], every row as long as `columns`.
struct RawTable {
  std::string id;                        // what the table is, e.g. "visits_by_service" (the page's key)
  std::vector<std::string> columns;      // column labels (codes: service ids, events, dates...; the page translates)
  std::vector<std::string> rows;         // row labels
  std::vector<std::vector<long long>> cells;
};

// What a page, chart or CSV may show. Totals are part of the table (they are what complementary suppression
// protects): row_totals when there is more than one column, column_totals when there is more than one row, and
// total (the grand total) always.
struct Table {
  std::string id;
  std::vector<std::string> columns, rows;
  std::vector<std::vector<Shown>> cells;
  std::vector<Shown> row_totals;     // empty if one column
  std::vector<Shown> column_totals;  // empty if one row
  std::optional<Shown> total;        // the grand total (absent for running totals, which do not add up)
  std::vector<std::string> notes;    // translation keys the page shows under the table (e.g. sensitive left out)
};

// The only way from counts to a Table. Rule kept: every count (cell or total) from 1 to 4 is hidden; in every row
// and column (its cells and its total), the number of hidden members is never exactly one. A row or column with
// one hidden member gets its smallest shown non-zero cell hidden too (its total if it has none).
// A hidden cell shows "<5" whether it is small or hidden to protect a small one (two marks would tell which is
// small); cells hidden to protect are the smallest available, so they are usually close to 5.
Table suppress(const RawTable& raw);

// Running totals over periods that nest (today, 7 days, 30 days): `parts` are the counts of the disjoint pieces
// (today, days 2-7, days 8-30), suppressed as one column with its total; running total k is shown only if it is
// not 1-4 and neither the pieces up to k nor the pieces after k have exactly one hidden piece (else its difference
// with another shown figure would give a hidden piece). One column, `column`; rows `labels`; no totals.
Table running_totals(const std::string& id, const std::vector<std::string>& labels, const std::string& column,
                     const std::vector<long long>& parts);

}  // namespace shubbak::upstream::dashboard
