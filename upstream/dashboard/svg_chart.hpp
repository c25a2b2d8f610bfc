// Charts drawn on the server (issue 17): each chart is an inline SVG string made from a figures Table, so that the
// dashboard's pages work without JavaScript and without internet. Pure C++ (no PostgreSQL).
//
// The Table is already suppressed (upstream/dashboard/suppress.hpp): a hidden cell has no value at all, so a chart
// cannot draw it by mistake. A hidden cell is drawn as a hatched bar of one fixed size (the same whatever was
// hidden), labelled "<5", and left out of the axis' scale; a running total stops at the first hidden month.
//
// Every label is passed in already translated (the chart knows no language) and is XML-escaped. Right-to-left
// (Arabic): bars grow from the right, labels sit on the right, hours and months run from right to left, and the
// labels carry direction="rtl"; numbers (and "<5") stay left-to-right (direction="ltr") inside them.
// Accessible: role="img", a <title> (the chart's name) and a <desc> holding every label with its number; each
// number is also drawn as text beside its bar.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "upstream/dashboard/suppress.hpp"

namespace shubbak::upstream::dashboard::svg {

// Sizes (px) and colours of every chart, in one place.
namespace style {
inline constexpr int kWidth = 760;                // every chart's width (the page scales it down: max-width 100%)
inline constexpr int kMargin = 8;                 // around the drawing
inline constexpr int kFontSize = 14;              // labels and numbers
inline constexpr int kSmallFontSize = 12;         // axis labels (hours, months)
inline constexpr int kBarRowHeight = 28;          // one horizontal bar and its gap
inline constexpr int kBarThickness = 18;          // a horizontal bar's height, a vertical bar's width at most
inline constexpr int kLabelWidth = 280;           // the room for a horizontal bar's label
inline constexpr int kValueWidth = 70;            // the room for the number after a bar
inline constexpr int kHiddenBarLength = 24;       // a hidden ("<5") bar: always this long, whatever it hides
inline constexpr int kColumnsHeight = 200;        // the plot of vertical bars and lines
inline constexpr int kAxisHeight = 22;            // under it: hours or months
inline constexpr int kNoDataHeight = 60;          // an empty chart
inline constexpr const char* kFont = "'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Tifinagh', sans-serif";
inline constexpr const char* kBarColour = "#2a6f97";
inline constexpr const char* kHiddenColour = "#8d99ae";   // the hatching and outline of a hidden bar
inline constexpr const char* kTargetColour = "#c1121f";   // the target line
inline constexpr const char* kTextColour = "#1b1b1b";
inline constexpr const char* kAxisColour = "#6c757d";
}  // namespace style

// The words of a chart, already in the page's language.
struct ChartText {
  std::string title;                    // the chart's accessible name (<title>)
  std::vector<std::string> row_labels;  // one per row of the table, same order (a missing one: the row's code)
  std::string no_data;                  // drawn instead of bars when the table has no row or only zeros
  bool rtl = false;                     // Arabic: right-to-left
};

// One bar per row: the value of `column` (visits by service, by region, referrals by status, appointments).
std::string horizontal_bars(const Table& t, size_t column, const ChartText& text);

// Vertical bars, one per row in the table's order (hours of the day "0".."23" on the centre page); the axis shows
// text.row_labels under every `label_every`-th bar.
std::string vertical_bars(const Table& t, size_t column, const ChartText& text, size_t label_every = 3);

// A target: a horizontal line at `value` with its (translated) label.
struct Target {
  long long value = 0;
  std::string label;
};

// Months (the table's rows, in order) of `column`: the running total as a line against the target line (Jisr:
// women per month, cumulative against 36,000). The running total is drawn only up to the month before the first
// hidden one (after it, it is not known); every month's own count is in the <desc>.
std::string cumulative_line(const Table& t, size_t column, const ChartText& text, const Target& target);

// XML text escaping (& < > " '), for labels and attributes.
std::string xml_escape(const std::string& s);

}  // namespace shubbak::upstream::dashboard::svg
