// Charts drawn on the server (upstream/dashboard/svg_chart.hpp): escaping, "<5" drawn without its value, right-to-
// left mirrored, an empty table's words.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "upstream/dashboard/svg_chart.hpp"

namespace shubbak::testing {
namespace {

using upstream::dashboard::RawTable;
using upstream::dashboard::Table;
using upstream::dashboard::suppress;
namespace svg = upstream::dashboard::svg;
namespace style = upstream::dashboard::svg::style;

Table one_column(const std::vector<long long>& counts, const std::string& id = "visits_by_service") {
  RawTable r{id, {"visits"}, {}, {}};
  for (size_t i = 0; i < counts.size(); ++i) {
    r.rows.push_back("s" + std::to_string(i));
    r.cells.push_back({counts[i]});
  }
  return suppress(r);
}

// Every value of attribute `name` of the elements <tag ...>, in order.
std::vector<double> attributes(const std::string& svg, const std::string& tag, const std::string& name) {
  std::vector<double> out;
  std::regex re("<" + tag + " [^>]*?\\b" + name + "=\"([-0-9.]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back(std::stod((*it)[1]));
  return out;
}

// The visible texts (<text>...</text>), in order.
std::vector<std::string> texts(const std::string& svg) {
  std::vector<std::string> out;
  std::regex re("<text [^>]*>([^<]*)</text>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

TEST(SvgChart, EscapesEveryLabelAndTheTitle) {
  svg::ChartText text{"<script>alert(1)</script>", {"a & b", "\"quoted\" 'x'", "<img src=x>"}, "none", false};
  std::string out = svg::horizontal_bars(one_column({10, 20, 30}), 0, text);
  EXPECT_EQ(out.find("<script>"), std::string::npos);
  EXPECT_EQ(out.find("<img"), std::string::npos);
  EXPECT_NE(out.find("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"), std::string::npos);
  EXPECT_NE(out.find(">a &amp; b</text>"), std::string::npos);
  EXPECT_NE(out.find(">&quot;quoted&quot; &#39;x&#39;</text>"), std::string::npos);
  EXPECT_NE(out.find("role=\"img\""), std::string::npos);
}

TEST(SvgChart, AHiddenCountIsDrawnTheSameWhateverItHides) {
  svg::ChartText text{"Visits", {"listening", "legal", "jisr"}, "none", false};
  // 1 and 4 are both "<5"; the smallest other cell (40) is hidden with them so that the total cannot tell.
  std::string one = svg::horizontal_bars(one_column({1, 40, 50}), 0, text);
  std::string four = svg::horizontal_bars(one_column({4, 40, 50}), 0, text);
  EXPECT_EQ(one, four);
  EXPECT_EQ(texts(one), (std::vector<std::string>{"listening", "&lt;5", "legal", "&lt;5", "jisr", "50"}));
  EXPECT_NE(one.find("<desc>listening: &lt;5; legal: &lt;5; jisr: 50</desc>"), std::string::npos);
  for (const char* hidden : {">1<", ">4<", ">40<", ": 1;", ": 4;", ": 40;"}) EXPECT_EQ(one.find(hidden), std::string::npos);
  std::vector<double> widths = attributes(one, "rect", "width");
  ASSERT_EQ(widths.size(), 3u);
  EXPECT_EQ(widths[0], style::kHiddenBarLength);
  EXPECT_EQ(widths[1], style::kHiddenBarLength);
  EXPECT_GT(widths[2], 5 * style::kHiddenBarLength);  // the scale is the shown values', not the hidden ones'
}

TEST(SvgChart, RightToLeftMirrorsTheBarsAndTheLabels) {
  Table t = one_column({10, 20});
  svg::ChartText ltr{"Visits", {"Juridique", "Jisr"}, "none", false};
  svg::ChartText rtl{"الزيارات", {"قانوني", "جسر"}, "ما كاين والو", true};
  std::string l = svg::horizontal_bars(t, 0, ltr), r = svg::horizontal_bars(t, 0, rtl);
  std::vector<double> lx = attributes(l, "rect", "x"), rx = attributes(r, "rect", "x"), w = attributes(l, "rect", "width");
  ASSERT_EQ(lx.size(), 2u);
  ASSERT_EQ(rx.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(lx[i], style::kMargin + style::kLabelWidth);          // grows from the left...
    EXPECT_DOUBLE_EQ(rx[i] + w[i], style::kWidth - lx[i]);           // ...and from the right, as long
  }
  std::vector<double> ltx = attributes(l, "text", "x"), rtx = attributes(r, "text", "x");
  EXPECT_EQ(ltx[0], style::kMargin);                                 // her label on the left...
  EXPECT_EQ(rtx[0], style::kWidth - style::kMargin);                 // ...on the right
  // A number starts with a left-to-right mark: without it Chromium drew "<5" as "5>" in Arabic.
  EXPECT_NE(r.find("direction=\"rtl\" unicode-bidi=\"embed\" fill=\"#1b1b1b\">قانوني</text>"), std::string::npos);
  EXPECT_NE(r.find("text-anchor=\"end\" direction=\"ltr\" unicode-bidi=\"embed\" fill=\"#1b1b1b\">\u206610\u2069</text>"),
            std::string::npos);
  EXPECT_EQ(l.find("direction=\"rtl\""), std::string::npos);
}

TEST(SvgChart, RightToLeftHoursRunFromTheRight) {
  std::vector<long long> hours(24, 0);
  hours[8] = 30;
  hours[15] = 10;
  svg::ChartText ltr{"Hours", {}, "none", false}, rtl{"الساعات", {}, "والو", true};
  std::vector<double> l = attributes(svg::vertical_bars(one_column(hours, "visits_by_hour"), 0, ltr), "rect", "x");
  std::vector<double> r = attributes(svg::vertical_bars(one_column(hours, "visits_by_hour"), 0, rtl), "rect", "x");
  ASSERT_EQ(l.size(), 24u);
  EXPECT_LT(l[8], l[15]);  // 8 o'clock left of 15 o'clock...
  EXPECT_GT(r[8], r[15]);  // ...and right of it in Arabic
}

TEST(SvgChart, AnEmptyTableDrawsTheWordsPassedIn) {
  svg::ChartText text{"Visits", {}, "Pas encore de visites", false};
  for (const Table& t : {one_column({}), one_column({0, 0, 0})}) {
    std::string h = svg::horizontal_bars(t, 0, text), v = svg::vertical_bars(t, 0, text);
    std::string c = svg::cumulative_line(t, 0, text, {36000, "Objectif"});
    for (const std::string& out : {h, v, c}) {
      EXPECT_EQ(texts(out), std::vector<std::string>{"Pas encore de visites"});
      EXPECT_EQ(out.find("<rect"), std::string::npos);
    }
  }
}

TEST(SvgChart, TheRunningTotalStopsBeforeAHiddenMonth) {
  RawTable r{"milestone_women_by_month", {"registered"}, {"2026-01", "2026-02", "2026-03", "2026-04"},
             {{100}, {200}, {3}, {60}}};
  Table t = suppress(r);  // March is "<5", April hidden with it (else the total would tell March)
  ASSERT_TRUE(t.cells[2][0].is_hidden());
  ASSERT_TRUE(t.cells[3][0].is_hidden());
  svg::ChartText text{"Jisr", {"janv.", "févr.", "mars", "avr."}, "none", false};
  std::string out = svg::cumulative_line(t, 0, text, {36000, "Objectif"});
  std::smatch m;
  ASSERT_TRUE(std::regex_search(out, m, std::regex("points=\"([^\"]*)\"")));
  std::string pts = m[1];
  EXPECT_EQ(std::count(pts.begin(), pts.end(), ','), 2);  // January and February only
  EXPECT_NE(out.find(">300</text>"), std::string::npos);   // the running total where it is known
  EXPECT_NE(out.find("Objectif 36000"), std::string::npos);
  for (const char* leak : {">3<", ">303<", ">363<", ">60<", ": 3;", ": 60;"}) EXPECT_EQ(out.find(leak), std::string::npos);
}

}  // namespace
}  // namespace shubbak::testing
