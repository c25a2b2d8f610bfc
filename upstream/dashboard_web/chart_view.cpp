#include "upstream/dashboard_web/chart_view.hpp"

#include "common/languages.hpp"
#include "upstream/dashboard/svg_chart.hpp"

namespace shubbak::upstream::dashboard_web {

namespace {

namespace svg = dashboard::svg;

// The milestone whose running total is drawn against Jisr's target (women trained).
constexpr const char* kTargetMilestone = "trained";
// Vertical bars (hours): a label under every this many bars.
constexpr size_t kHourLabelEvery = 3;

size_t column_of(const dashboard::Table& t, const std::string& code) {
  for (size_t j = 0; j < t.columns.size(); ++j)
    if (t.columns[j] == code) return j;
  return 0;
}

// The chart's name: the table's caption, and the column drawn when the table has several.
std::string title_of(const Labels& l, const TableKinds& k, const dashboard::Table& t, size_t column) {
  std::string title = *k.caption ? l.tr(k.caption) : t.id;
  if (t.columns.size() > 1) title += " — " + l.of(k.columns, t.columns[column]);
  return title;
}

}  // namespace

std::string chart_of(const Labels& l, const std::string& page, const dashboard::Table& t, long long target_women) {
  const TableKinds k = kinds_of(page, t.id);
  if (k.chart == ChartKind::None || t.columns.empty()) return "";
  const size_t column = k.chart == ChartKind::Cumulative ? column_of(t, kTargetMilestone) : 0;
  svg::ChartText text;
  text.title = title_of(l, k, t, column);
  for (const auto& code : t.rows) text.row_labels.push_back(l.of(k.rows, code));
  text.no_data = l.tr("dashboard.no_rows");
  const Language* lang = find_language(l.lang());
  text.rtl = lang && lang->rtl;
  switch (k.chart) {
    case ChartKind::Columns: return svg::vertical_bars(t, column, text, kHourLabelEvery);
    case ChartKind::Cumulative:
      return svg::cumulative_line(t, column, text,
                                  {target_women, l.tr("dashboard.chart_target", {{"target", std::to_string(target_women)}})});
    default: return svg::horizontal_bars(t, column, text);
  }
}

}  // namespace shubbak::upstream::dashboard_web
