// A figures Table as CSV (issue 17: "every table downloadable as CSV, aggregates only"), pure C++. The same shown
// values as the page: a hidden cell is "<5" (the Table holds no value for it, so the CSV cannot leak one).
// RFC 4180 (fields with a comma, a quote or a line break quoted, quotes doubled), CRLF line ends, UTF-8 with a BOM
// (so that Excel opens Arabic right). A field that starts with = + - @ (or a tab or CR) is prefixed with ' so that
// a spreadsheet does not run it as a formula.
#pragma once
#include <string>
#include <vector>

#include "upstream/dashboard/suppress.hpp"

namespace shubbak::upstream::dashboard::csv {

// The words of the CSV, already in the user's language.
struct CsvText {
  std::string row_header;                  // the first header cell (what the rows are: "Service", "Month"...)
  std::vector<std::string> column_labels;  // one per column of the table (a missing one: the column's code)
  std::vector<std::string> row_labels;     // one per row (a missing one: the row's code)
  std::string total;                       // the label of the totals column and row
  std::vector<std::string> notes;          // translated notes, each on a line of its own after the table
};

// Header row; one line per row (its label, its cells, its total when the table has row totals); a totals line
// when the table has column totals (its grand total last when it also has row totals); then the notes.
std::string to_csv(const Table& t, const CsvText& text);

// Any lines of fields (tables that are not a figures Table: waits, the centres' health), same rules.
std::string to_csv(const std::vector<std::vector<std::string>>& lines);

// One field as written: guarded against formula injection, then quoted if it must be.
std::string field(const std::string& value);

}  // namespace shubbak::upstream::dashboard::csv
