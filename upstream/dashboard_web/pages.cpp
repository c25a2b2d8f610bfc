#include "upstream/dashboard_web/pages.hpp"

#include <ctemplate/template.h>

#include <cstdio>

#include "common/languages.hpp"
#include "upstream/dashboard_web/table_view.hpp"

namespace shubbak::upstream::dashboard_web {

using ctemplate::TemplateDictionary;

namespace {

const std::vector<std::string> kTemplates = {"frame.tpl", "signin.tpl", "error.tpl", "table.tpl", "waits.tpl",
                                             "overview.tpl", "centres.tpl", "centre.tpl"};

// The languages the ministry's pages are offered in.
const std::vector<std::string> kPageLanguages = {"ar", "fr"};

std::string url_escape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

void add_table(TemplateDictionary& d, const std::string& dir, const Labels& l, const std::string& page,
               const dashboard::Table& t, const std::string& path, const std::string& rq,
               const std::function<std::string(const std::string&)>& row_href = {},
               long long target_women = dashboard::kJisrTargetWomen) {
  TemplateDictionary* inc = d.AddSectionDictionary("TABLES")->AddIncludeDictionary("TABLE");
  inc->SetFilename(dir + "/table.tpl");
  fill_table(*inc, l, page, t, csv_href(path, rq, t.id), row_href, target_women);
}

void add_waits(TemplateDictionary& d, const std::string& dir, const TableText& w,
               const std::vector<dashboard::Waits>& waits, const std::string& path, const std::string& rq) {
  TemplateDictionary* inc = d.AddSectionDictionary("TABLES")->AddIncludeDictionary("TABLE");
  inc->SetFilename(dir + "/waits.tpl");
  fill_waits(*inc, w, waits, csv_href(path, rq, w.id));
}

// The milestones against Jisr's target: women reached (as the figures show them) and their share of 36,000.
void fill_jisr(TemplateDictionary& d, const Labels& l, const dashboard::Overview& o) {
  const dashboard::Table& t = o.milestone_women;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    TemplateDictionary* j = d.AddSectionDictionary("JISR");
    const dashboard::Shown& s = t.cells[r].at(0);
    j->SetValue("CODE", t.rows[r]);
    j->SetValue("LABEL", l.of(LabelKind::Milestone, t.rows[r]));
    j->SetValue("WOMEN", s.text());
    char pct[16] = "";
    if (auto v = s.value()) std::snprintf(pct, sizeof pct, "%.1f", 100.0 * static_cast<double>(*v) / o.jisr_target_women);
    j->SetValue("SHARE", s.value() ? l.tr("dashboard.jisr_share", {{"percent", pct},
                                                                   {"target", std::to_string(o.jisr_target_women)}})
                                   : "");
  }
}

}  // namespace

std::string csv_href(const std::string& path, const std::string& rq, const std::string& table) {
  return path + (rq.empty() ? "?" : rq + "&") + "format=csv&table=" + url_escape(table);
}

Pages::Pages(const std::string& dir, const Translations& tr, std::string css_url)
    : templates_(dir, kTemplates), tr_(tr), css_url_(std::move(css_url)) {}

std::string Pages::page(const Frame& f, const std::string& body,
                        const std::function<void(TemplateDictionary&)>& fill) const {
  TemplateDictionary d("dashboard");
  templates_.translate(d, tr_, f.lang);
  d.SetTemplateGlobalValue("LANG", f.lang);
  d.SetTemplateGlobalValue("DIR", web::dir_of(f.lang));
  d.SetValue("TITLE", f.title);
  d.SetValue("PAGE", f.page);
  d.SetValue("CSS_URL", css_url_);
  if (!f.message.empty()) d.AddSectionDictionary("MESSAGE")->SetValue("TEXT", f.message);
  if (!f.csrf.empty()) {
    TemplateDictionary* nav = d.AddSectionDictionary("NAV");
    nav->SetValue("OVERVIEW_HREF", "/" + f.region_query);
    nav->SetValue("CENTRES_HREF", "/centres" + f.region_query);
    nav->SetValue("WHO", f.who);
    nav->SetValue("CSRF", f.csrf);
    if (f.page == "overview") nav->ShowSection("AT_OVERVIEW");
    if (f.page == "centres" || f.page == "centre") nav->ShowSection("AT_CENTRES");
  }
  for (const auto& code : kPageLanguages) {
    TemplateDictionary* lang = d.AddSectionDictionary("LANGUAGE");
    lang->SetValue("CODE", code);
    lang->SetValue("OWN_NAME", find_language(code)->own_name);
    lang->SetValue("HREF", "/lang?to=" + code + "&back=" + url_escape(f.path_query));
    if (code == f.lang) lang->ShowSection("CURRENT");
  }
  TemplateDictionary* b = d.AddIncludeDictionary("BODY");
  b->SetFilename(templates_.dir() + "/" + body);
  fill(*b);
  return templates_.expand("frame.tpl", d);
}

std::string Pages::signin(const Frame& f, const std::string& name, const std::string& csrf) const {
  return page(f, "signin.tpl", [&](TemplateDictionary& b) {
    b.SetValue("CSRF", csrf);
    b.SetValue("NAME", name);
  });
}

std::string Pages::error(const Frame& f, const std::string& back) const {
  return page(f, "error.tpl", [&](TemplateDictionary& b) { b.SetValue("BACK", back); });
}

std::string Pages::overview(const Frame& f, const Labels& l, const dashboard::Overview& o,
                            const std::string& scope_words) const {
  return page(f, "overview.tpl", [&](TemplateDictionary& b) {
    const std::string& dir = templates_.dir();
    const std::string& rq = f.region_query;
    b.SetValue("SCOPE", scope_words);
    fill_jisr(b, l, o);
    add_table(b, dir, l, "overview", o.visits, "/", rq);
    add_table(b, dir, l, "overview", o.visits_by_service, "/", rq);
    add_table(b, dir, l, "overview", o.visits_by_region, "/", rq, [&](const std::string& code) {
      return f.region_links && !code.empty() ? "/?region=" + code : std::string();
    });
    add_table(b, dir, l, "overview", o.milestone_women, "/", rq);
    add_table(b, dir, l, "overview", o.milestone_women_by_month, "/", rq, {}, o.jisr_target_women);
    add_table(b, dir, l, "overview", o.referrals_by_state, "/", rq);
    add_table(b, dir, l, "overview", o.appointments, "/", rq);
    add_waits(b, dir, waits_text(l, "waits", "dashboard.table.waits", LabelKind::Period, {"30_days"}, {o.waits}, {}),
              {o.waits}, "/", rq);
  });
}

std::string Pages::centres(const Frame& f, const Labels& l, const dashboard::CentresPage& p,
                           const std::string& scope_words) const {
  return page(f, "centres.tpl", [&](TemplateDictionary& b) {
    b.SetValue("SCOPE", scope_words);
    const TableText h = health_text(l, p);
    b.SetValue("CSV_HREF", csv_href("/centres", f.region_query, "health"));
    for (size_t i = 0; i < p.centres.size(); ++i) {
      TemplateDictionary* c = b.AddSectionDictionary("CENTRE");
      const auto& row = h.rows[i];
      c->SetValue("ID", p.centres[i].centre_id);
      c->SetValue("HREF", "/centres/" + url_escape(p.centres[i].centre_id));
      const char* names[] = {"NAME", "REGION", "STATUS", "LAST_SEEN", "BACKLOG", "FREE_DISK", "VERSION", "VISITS",
                             "MEDIAN", "P90"};
      for (size_t k = 0; k < 10; ++k) c->SetValue(names[k], row[k]);
      if (p.centres[i].silent || p.centres[i].backlog_growing) c->ShowSection("FLAGGED");
      if (i < p.visits.cells.size() && p.visits.cells[i].at(0).is_hidden()) c->ShowSection("HIDDEN");
    }
    if (p.centres.empty()) b.ShowSection("EMPTY");
    if (!h.totals.empty()) b.AddSectionDictionary("FOOT")->SetValue("VISITS", h.totals[7]);
    for (const auto& n : h.notes) b.AddSectionDictionary("NOTE")->SetValue("TEXT", n);
  });
}

std::string Pages::centre(const Frame& f, const Labels& l, const dashboard::CentrePage& p) const {
  return page(f, "centre.tpl", [&](TemplateDictionary& b) {
    const std::string& dir = templates_.dir();
    const std::string path = "/centres/" + url_escape(p.health.centre_id);
    b.SetValue("REGION", l.region(p.health.region_code));
    b.SetValue("STATUS", status_words(l, p.health));
    b.SetValue("LAST_SEEN", last_seen_words(l, p.health.last_seen));
    b.SetValue("BACKLOG", std::to_string(p.health.backlog));
    b.SetValue("FREE_DISK", free_disk_words(l, p.health.free_disk_bytes));
    b.SetValue("VERSION", p.health.version);
    if (p.health.silent || p.health.backlog_growing) b.ShowSection("FLAGGED");
    for (const dashboard::Table* t : {&p.visits_by_service, &p.visits_by_hour, &p.outcomes, &p.served_outcomes,
                                      &p.waits_by_service, &p.referrals_by_state, &p.milestone_women, &p.appointments})
      add_table(b, dir, l, "centre", *t, path, "");
    add_waits(b, dir, waits_text(l, "waits", "dashboard.table.waits_by_service", LabelKind::Service,
                                 p.waits_by_service.rows, p.waits, p.notes),
              p.waits, path, "");
  });
}

}  // namespace shubbak::upstream::dashboard_web
