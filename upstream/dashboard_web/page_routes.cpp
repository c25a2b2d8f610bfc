// GET /, /centres, /centres/ID (and ?format=csv&table=ID on each): one read-only transaction, one call of the
// figures, in the signed-in user's scope. A region or centre outside it: 403 with words and an audit row.
#include "common/log.hpp"
#include "upstream/dashboard_web/dashboard_app.hpp"
#include "upstream/dashboard_web/table_view.hpp"
#include "web/replies.hpp"

namespace shubbak::upstream::dashboard_web {

using dashboard::Scope;
using Kind = dashboard::Scope::Kind;

namespace {

// The page's scope from the user's role and the URL's ?region=: nullopt when the URL names a region outside it.
std::optional<Scope> scope_for(const Role& role, const std::string& region) {
  if (region.empty()) return scope_of(role);
  if (!parse_role("region:" + region)) return std::nullopt;
  if (role.kind == Kind::National || (role.kind == Kind::Region && role.code == region)) return Scope::region(region);
  return std::nullopt;
}

// A file name of letters, digits, '.', '-' and '_' only (it goes into a header).
std::string file_name(const std::string& s) {
  std::string out;
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '_';
  return out;
}

const dashboard::Table* find_table(const std::vector<const dashboard::Table*>& tables, const std::string& id) {
  for (const auto* t : tables)
    if (t->id == id) return t;
  return nullptr;
}

// One page's figures (one call), the tables its CSV links may ask for, and its HTML unless a CSV is asked for.
struct Built {
  std::optional<dashboard::Overview> ov;
  std::optional<dashboard::CentresPage> cs;
  std::optional<dashboard::CentrePage> one;
  std::vector<const dashboard::Table*> tables;
  std::optional<TableText> extra;  // a table that is not a figures Table (waits, health)
  std::string html;
};

void build_overview(const Pages& p, pg::Connection& c, const Scope& scope, const dashboard::Options& o,
                    const Labels& l, Frame& f, bool csv, const std::string& words, Built& b) {
  b.ov = dashboard::overview(c, scope, o);
  const dashboard::Overview& ov = *b.ov;
  b.tables = {&ov.visits, &ov.visits_by_service, &ov.visits_by_region, &ov.milestone_women,
              &ov.milestone_women_by_month, &ov.referrals_by_state, &ov.appointments};
  b.extra = waits_text(l, "waits", "dashboard.table.waits", LabelKind::Period, {"30_days"}, {ov.waits}, {});
  f.page = "overview";
  f.title = l.tr("dashboard.title_overview");
  if (!csv) b.html = p.overview(f, l, ov, words);
}

void build_centres(const Pages& p, pg::Connection& c, const Scope& scope, const dashboard::Options& o,
                   const Labels& l, Frame& f, bool csv, const std::string& words, Built& b) {
  b.cs = dashboard::centres(c, scope, o);
  b.extra = health_text(l, *b.cs);
  f.page = "centres";
  f.title = l.tr("dashboard.title_centres");
  if (!csv) b.html = p.centres(f, l, *b.cs, words);
}

void build_centre(const Pages& p, pg::Connection& c, const Scope& scope, const dashboard::Options& o,
                  const Labels& l, Frame& f, bool csv, const std::string& centre, Built& b) {
  b.one = dashboard::centre(c, scope, centre, o);
  if (!b.one) return;
  const dashboard::CentrePage& one = *b.one;
  b.tables = {&one.visits_by_service, &one.visits_by_hour, &one.outcomes, &one.served_outcomes,
              &one.waits_by_service, &one.referrals_by_state, &one.milestone_women, &one.appointments};
  b.extra = waits_text(l, "waits", "dashboard.table.waits_by_service", LabelKind::Service, one.waits_by_service.rows,
                       one.waits, one.notes);
  f.page = "centre";
  f.title = l.tr("dashboard.title_centre", {{"centre", one.health.name.empty() ? centre : one.health.name}});
  if (!csv) b.html = p.centre(f, l, one);
}

}  // namespace

std::string DashboardApp::scope_words(const Labels& l, const Scope& scope) const {
  switch (scope.kind()) {
    case Kind::Region: return l.tr("dashboard.scope_region", {{"region", l.region(scope.code())}});
    case Kind::Centre: return l.tr("dashboard.scope_centre", {{"centre", scope.code()}});
    case Kind::National: break;
  }
  return l.tr("dashboard.scope_national");
}

std::vector<dashboard::Region> DashboardApp::regions_once(pg::Connection& c) {
  std::lock_guard<std::mutex> lock(regions_mu_);
  if (regions_.empty()) regions_ = dashboard::regions(c);
  return regions_;
}

http::Reply DashboardApp::forbidden(const http::Request& r, const DashSession& s) {
  log::warn("dashboard: " + s.user + " (" + s.role.text() + ") asked for a page outside her scope: refused");
  audit(s.user, "forbidden", r.path + (r.query.empty() ? "" : "?" + r.query));
  return error_page(r, 403, "dashboard.forbidden", "/", &s);
}

http::Reply DashboardApp::figures_page(const http::Request& r, const DashSession& s, Which which,
                                       const std::string& centre) {
  web::Form q;
  try {
    q = web::parse_urlencoded(r.query, form_limits_);
  } catch (const web::FormError&) {
    return error_page(r, 400, "dashboard.bad_request", "/", &s);
  }
  const std::string region = which == Which::Centre ? "" : q.get("region");
  std::optional<Scope> scope = scope_for(s.role, region);
  if (!scope || (which == Which::Centre && s.role.kind == Kind::Centre && centre != s.role.code))
    return forbidden(r, s);
  const bool csv = q.get("format") == "csv";
  const std::string lang = lang_of(r);

  auto lease = reads_.borrow();
  pg::Connection& c = *lease;
  pg::Transaction tx(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  dashboard::Options o = figures_options_;
  o.today = dashboard::today_in_morocco(c);
  Labels l(tr_, &*catalogue_, regions_once(c), lang);
  Frame f = frame(r, "", "", &s);
  if (!region.empty()) f.region_query = "?region=" + region;
  f.region_links = s.role.kind == Kind::National && region.empty();

  Built b;
  const std::string words = scope_words(l, *scope);
  if (which == Which::Overview) build_overview(*pages_, c, *scope, o, l, f, csv, words, b);
  else if (which == Which::Centres) build_centres(*pages_, c, *scope, o, l, f, csv, words, b);
  else build_centre(*pages_, c, *scope, o, l, f, csv, centre, b);
  if (which == Which::Centre && !b.one) {
    tx.commit();
    // Outside her scope whether it exists or not (nothing tells her which); a national user: it is not known.
    if (s.role.kind != Kind::National) return forbidden(r, s);
    return error_page(r, 404, "dashboard.no_such_centre", "/centres", &s);
  }
  tx.commit();
  if (!csv) return web::html(200, std::move(b.html));
  const std::string id = q.get("table");
  const std::string file = file_name(f.page + "-" + (scope->code().empty() ? "national" : scope->code()) + "-" +
                           (which == Which::Centre ? centre + "-" : "") + id) + ".csv";
  if (b.extra && b.extra->id == id) return web::csv(csv_of(*b.extra), file);
  if (const dashboard::Table* t = find_table(b.tables, id)) return web::csv(csv_of(l, f.page, *t), file);
  return error_page(r, 404, "dashboard.not_found", "/", &s);
}

}  // namespace shubbak::upstream::dashboard_web
