#include "upstream/dashboard_web/table_view.hpp"

#include <ctemplate/template.h>

#include <cstdio>

#include "upstream/dashboard/csv.hpp"
#include "upstream/dashboard_web/chart_view.hpp"

namespace shubbak::upstream::dashboard_web {

using ctemplate::TemplateDictionary;

namespace {

std::string corner_of(const Labels& l, LabelKind rows) {
  switch (rows) {
    case LabelKind::Service: return l.tr("dashboard.col_service");
    case LabelKind::Region: return l.tr("dashboard.col_region");
    case LabelKind::Centre: return l.tr("dashboard.col_centre");
    case LabelKind::Month: return l.tr("dashboard.col_month");
    case LabelKind::Hour: return l.tr("dashboard.col_hour");
    case LabelKind::Period: return l.tr("dashboard.col_period");
    default: return "";
  }
}

}  // namespace

TableText table_text(const Labels& l, const std::string& page, const dashboard::Table& t) {
  const TableKinds k = kinds_of(page, t.id);
  TableText out;
  out.id = t.id;
  out.caption = *k.caption ? l.tr(k.caption) : t.id;
  out.header.push_back(corner_of(l, k.rows));
  for (const auto& c : t.columns) out.header.push_back(l.of(k.columns, c));
  if (!t.row_totals.empty()) out.header.push_back(l.tr("dashboard.total"));
  for (size_t r = 0; r < t.rows.size(); ++r) {
    std::vector<std::string> row{l.of(k.rows, t.rows[r])};
    for (const auto& cell : t.cells[r]) row.push_back(cell.text());
    if (!t.row_totals.empty()) row.push_back(t.row_totals[r].text());
    out.row_codes.push_back(t.rows[r]);
    out.rows.push_back(std::move(row));
  }
  if (!t.column_totals.empty()) {
    out.totals.push_back(l.tr("dashboard.total"));
    for (const auto& c : t.column_totals) out.totals.push_back(c.text());
    if (!t.row_totals.empty() && t.total) out.totals.push_back(t.total->text());
  }
  for (const auto& n : t.notes) out.notes.push_back(l.tr(n));
  return out;
}

std::string minutes_words(const Labels& l, const std::optional<int>& minutes) {
  return minutes ? l.tr("dashboard.minutes", {{"n", std::to_string(*minutes)}}) : l.tr("dashboard.not_shown");
}

TableText waits_text(const Labels& l, const std::string& id, const std::string& caption_key, LabelKind rows,
                     const std::vector<std::string>& row_codes, const std::vector<dashboard::Waits>& waits,
                     const std::vector<std::string>& notes) {
  TableText out;
  out.id = id;
  out.caption = l.tr(caption_key);
  out.header = {corner_of(l, rows), l.tr("dashboard.col_waits"), l.tr("dashboard.col_median"),
                l.tr("dashboard.col_p90")};
  for (size_t i = 0; i < waits.size() && i < row_codes.size(); ++i) {
    out.row_codes.push_back(row_codes[i]);
    out.rows.push_back({l.of(rows, row_codes[i]), waits[i].count.text(), minutes_words(l, waits[i].median_minutes),
                        minutes_words(l, waits[i].p90_minutes)});
  }
  for (const auto& n : notes) out.notes.push_back(l.tr(n));
  return out;
}

std::string status_words(const Labels& l, const dashboard::CentreHealth& h) {
  if (h.silent && h.last_seen.empty()) return l.tr("dashboard.status_never_seen");
  if (h.silent) return l.tr("dashboard.status_silent", {{"hours", std::to_string(dashboard::kSilentAfterHours)}});
  if (h.backlog_growing) return l.tr("dashboard.status_backlog_growing");
  return l.tr("dashboard.status_ok");
}

std::string last_seen_words(const Labels& l, const std::string& t) {
  if (t.size() < 16) return l.tr("dashboard.never");
  return t.substr(0, 10) + " " + t.substr(11, 5) + " UTC";
}

std::string free_disk_words(const Labels& l, const std::optional<long long>& bytes) {
  if (!bytes) return l.tr("dashboard.unknown");
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(*bytes) / 1e9);
  return l.tr("dashboard.gigabytes", {{"n", buf}});
}

TableText health_text(const Labels& l, const dashboard::CentresPage& p) {
  TableText out;
  out.id = "health";
  out.caption = l.tr("dashboard.table_health");
  for (const char* k : {"dashboard.col_centre", "dashboard.col_region", "dashboard.col_status",
                        "dashboard.col_last_seen", "dashboard.col_backlog", "dashboard.col_free_disk",
                        "dashboard.col_version", "dashboard.col_visits_30", "dashboard.col_median",
                        "dashboard.col_p90"})
    out.header.push_back(l.tr(k));
  for (size_t i = 0; i < p.centres.size(); ++i) {
    const auto& h = p.centres[i];
    const std::string visits = i < p.visits.cells.size() ? p.visits.cells[i].at(0).text() : "";
    const dashboard::Waits w = i < p.waits.size() ? p.waits[i] : dashboard::Waits{};
    out.row_codes.push_back(h.centre_id);
    out.rows.push_back({h.name.empty() ? h.centre_id : h.name, l.region(h.region_code), status_words(l, h),
                        last_seen_words(l, h.last_seen), std::to_string(h.backlog), free_disk_words(l, h.free_disk_bytes),
                        h.version, visits, minutes_words(l, w.median_minutes), minutes_words(l, w.p90_minutes)});
  }
  if (!p.visits.column_totals.empty()) {
    out.totals.assign(out.header.size(), "");
    out.totals[0] = l.tr("dashboard.total");
    out.totals[7] = p.visits.column_totals[0].text();
  }
  for (const auto& n : p.notes) out.notes.push_back(l.tr(n));
  return out;
}

void fill_table(TemplateDictionary& d, const Labels& l, const std::string& page, const dashboard::Table& t,
                const std::string& csv_href, const std::function<std::string(const std::string&)>& row_href,
                long long target_women) {
  const TableText x = table_text(l, page, t);
  d.SetValue("ID", x.id);
  if (const std::string chart = chart_of(l, page, t, target_women); !chart.empty())
    d.AddSectionDictionary("CHART")->SetValue("SVG", chart);
  d.SetValue("CAPTION", x.caption);
  d.SetValue("CORNER", x.header[0]);
  d.SetValue("CSV_HREF", csv_href);
  for (const auto& c : t.columns) d.AddSectionDictionary("COL")->SetValue("LABEL", l.of(kinds_of(page, t.id).columns, c));
  if (!t.row_totals.empty()) d.ShowSection("HAS_ROW_TOTALS");
  for (size_t r = 0; r < t.rows.size(); ++r) {
    TemplateDictionary* row = d.AddSectionDictionary("ROW");
    row->SetValue("CODE", t.rows[r]);
    row->SetValue("LABEL", x.rows[r][0]);
    if (const std::string href = row_href ? row_href(t.rows[r]) : ""; !href.empty())
      row->AddSectionDictionary("LINK")->SetValue("HREF", href);
    for (const auto& cell : t.cells[r]) {
      TemplateDictionary* c = row->AddSectionDictionary("CELL");
      c->SetValue("TEXT", cell.text());
      if (cell.is_hidden()) c->ShowSection("HIDDEN");
    }
    if (!t.row_totals.empty()) row->AddSectionDictionary("ROW_TOTAL")->SetValue("TEXT", t.row_totals[r].text());
  }
  if (t.rows.empty()) d.ShowSection("EMPTY");
  if (!t.column_totals.empty()) {
    TemplateDictionary* foot = d.AddSectionDictionary("FOOT");
    for (const auto& s : t.column_totals) {
      TemplateDictionary* c = foot->AddSectionDictionary("CELL");
      c->SetValue("TEXT", s.text());
      if (s.is_hidden()) c->ShowSection("HIDDEN");
    }
    if (!t.row_totals.empty() && t.total) {
      TemplateDictionary* g = foot->AddSectionDictionary("GRAND");
      g->SetValue("TEXT", t.total->text());
      if (t.total->is_hidden()) g->ShowSection("HIDDEN");
    }
  }
  for (const auto& n : x.notes) d.AddSectionDictionary("NOTE")->SetValue("TEXT", n);
}

void fill_waits(TemplateDictionary& d, const TableText& w, const std::vector<dashboard::Waits>& waits,
                const std::string& csv_href) {
  d.SetValue("ID", w.id);
  d.SetValue("CAPTION", w.caption);
  d.SetValue("CORNER", w.header[0]);
  d.SetValue("CSV_HREF", csv_href);
  for (size_t i = 0; i < w.rows.size(); ++i) {
    TemplateDictionary* row = d.AddSectionDictionary("ROW");
    row->SetValue("CODE", w.row_codes[i]);
    row->SetValue("LABEL", w.rows[i][0]);
    row->SetValue("COUNT", w.rows[i][1]);
    row->SetValue("MEDIAN", w.rows[i][2]);
    row->SetValue("P90", w.rows[i][3]);
    if (waits[i].count.is_hidden()) row->ShowSection("HIDDEN");
  }
  for (const auto& n : w.notes) d.AddSectionDictionary("NOTE")->SetValue("TEXT", n);
}

std::string csv_of(const TableText& t) {
  std::vector<std::vector<std::string>> lines = {t.header};
  lines.insert(lines.end(), t.rows.begin(), t.rows.end());
  if (!t.totals.empty()) lines.push_back(t.totals);
  for (const auto& n : t.notes) lines.push_back({n});
  return dashboard::csv::to_csv(lines);
}

std::string csv_of(const Labels& l, const std::string& page, const dashboard::Table& t) {
  const TableKinds k = kinds_of(page, t.id);
  const TableText x = table_text(l, page, t);
  dashboard::csv::CsvText text;
  text.row_header = x.header[0];
  for (const auto& c : t.columns) text.column_labels.push_back(l.of(k.columns, c));
  for (const auto& r : x.rows) text.row_labels.push_back(r[0]);
  text.total = l.tr("dashboard.total");
  text.notes = x.notes;
  return dashboard::csv::to_csv(t, text);
}

}  // namespace shubbak::upstream::dashboard_web
