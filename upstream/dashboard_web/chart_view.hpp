// The chart of a table of the figures, in the reader's language: the server-drawn SVG (upstream/dashboard/svg_chart.hpp)
// made from the same Table as the page's table and its CSV, so it shows the same "<5" and nothing hidden. Which chart a
// table gets is its TableKinds::chart (labels.cpp).
#pragma once
#include <string>

#include "upstream/dashboard/figures.hpp"
#include "upstream/dashboard_web/labels.hpp"

namespace shubbak::upstream::dashboard_web {

// The inline <svg> for the table `t` of `page` ("" when it has no chart). `target_women` is Jisr's target, drawn on
// the running total of women by month.
std::string chart_of(const Labels& l, const std::string& page, const dashboard::Table& t, long long target_women);

}  // namespace shubbak::upstream::dashboard_web
