#include "upstream/dashboard_web/dashboard_app.hpp"

#include "common/install_paths.hpp"
#include "common/languages.hpp"
#include "common/log.hpp"
#include "upstream/dashboard_web/users.hpp"
#include "upstream/pg/errors.hpp"
#include "web/replies.hpp"
#include "web/tokens.hpp"

namespace shubbak::upstream::dashboard_web {

namespace {

constexpr const char* kSessionCookie = "shubbak_dash";
constexpr const char* kLangCookie = "shubbak_dash_lang";  // this browser's language (not secret)
constexpr int kLangCookieSeconds = 365 * 24 * 3600;
constexpr const char* kDefaultLang = "ar";

bool page_language(const std::string& code) { return code == "ar" || code == "fr"; }

// The words of the HTTP server's own refusals (http/server.hpp: ServerOptions::refusal).
const char* refusal_key(int status) {
  if (status == 503) return "dashboard.busy";
  if (status >= 500) return "dashboard.database_away";
  return "dashboard.bad_request";
}

// A local path to come back to ("/centres?region=07"); anything else is "/".
std::string safe_back(const std::string& back) {
  if (back.empty() || back[0] != '/' || (back.size() > 1 && (back[1] == '/' || back[1] == '\\'))) return "/";
  for (unsigned char c : back)
    if (c < 0x21 || c > 0x7E) return "/";
  return back;
}

}  // namespace

DashSession::DashSession(std::string u, Role r, TimePoint end)
    : user(std::move(u)), role(std::move(r)), csrf(web::random_token()), expires(end) {}

DashboardApp::DashboardApp(DashboardOptions o)
    : opt_(std::move(o)),
      reads_(opt_.db, limits::kWorkers),
      sessions_(limits::kMaxSessions),
      signin_rate_(opt_.signins_per_minute, limits::kMaxPeersTracked),
      form_limits_{limits::kMaxFormBytes, limits::kMaxFormFields, limits::kMaxFieldNameBytes,
                   limits::kMaxFieldValueBytes} {
  if (opt_.audit_db.empty()) opt_.audit_db = opt_.db;
  if (opt_.assets_dir.empty()) opt_.assets_dir = installed_or("assets", SHUBBAK_ASSETS_DIR);
  tr_ = Translations::load(opt_.assets_dir + "/i18n");
  catalogue_.emplace(Catalogue::load(opt_.catalog));
  figures_options_.sensitive_services = catalogue_->sensitive_service_ids();
  statics_.emplace(opt_.assets_dir + "/dashboard", std::vector<web::OwnFile>{{"dashboard.css", "text/css; charset=utf-8"}},
                   opt_.fonts_dir,
                   std::vector<std::string>{"NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf",
                                            "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"},
                   "dashboard");
  pages_.emplace(opt_.assets_dir + "/dashboard/templates", tr_, statics_->url("dashboard.css"));
}

http::ServerOptions DashboardApp::server_options() const {
  http::ServerOptions o;
  o.workers = limits::kWorkers;
  o.max_body_bytes = limits::kMaxFormBytes;
  o.max_decoded_body_bytes = limits::kMaxFormBytes;
  o.max_buffered_body_bytes = limits::kMaxFormBytes * limits::kWorkers * 4;
  o.max_queued = limits::kMaxQueued;
  o.max_header_bytes = limits::kMaxHeaderBytes;
  o.max_header_count = limits::kMaxHeaderCount;
  o.idle_timeout_seconds = limits::kIdleTimeoutSeconds;
  o.body_deadline_seconds = limits::kBodyDeadlineSeconds;
  o.max_connections = limits::kMaxConnections;
  o.max_connections_per_peer = limits::kMaxConnectionsPerPeer;
  o.refusal = [this](const http::Request& r, int status, const std::string&) {
    return error_page(r, status, refusal_key(status), "/");
  };
  o.metrics_path = "";  // nothing for the internet; the receivers' metrics are the ministry's monitoring
  return o;
}

DashboardApp::Found DashboardApp::session_of(const http::Request& r) {
  auto cookies = web::parse_cookies(r.header("cookie"));
  auto it = cookies.find(kSessionCookie);
  if (it == cookies.end()) return {};
  const TimePoint now = clock_.now();
  auto s = sessions_.find(it->second, now);
  if (!s) return {it->second, nullptr};
  const TimePoint last{TimePoint::duration(s->last_used.load())};
  if (now - last > Seconds(opt_.idle_seconds)) {
    log::info("dashboard: " + s->user + " signed out after inactivity");
    sessions_.end_idle(it->second);  // the sign-in page says so, once
    return {it->second, nullptr};
  }
  s->last_used = now.time_since_epoch().count();
  return {it->second, s};
}

std::string DashboardApp::lang_of(const http::Request& r) const {
  auto cookies = web::parse_cookies(r.header("cookie"));
  auto it = cookies.find(kLangCookie);
  return it != cookies.end() && page_language(it->second) ? it->second : kDefaultLang;
}

std::string DashboardApp::peer_of(const http::Request& r) const {
  // Behind nginx on this machine (unix socket or loopback) the client is the one nginx names.
  const bool local = r.peer == "unix" || r.peer == "127.0.0.1" || r.peer == "::1" || r.peer == "::ffff:127.0.0.1";
  const std::string fwd = r.header("x-forwarded-for");
  return local && !fwd.empty() && fwd.size() <= 64 ? fwd : r.peer;
}

Frame DashboardApp::frame(const http::Request& r, const std::string& page, const std::string& title,
                          const DashSession* s) const {
  Frame f;
  f.lang = lang_of(r);
  f.title = title;
  f.page = page;
  f.path_query = r.path + (r.query.empty() ? "" : "?" + r.query);
  if (s) {
    f.csrf = s->csrf;
    f.who = format(tr_.get(f.lang, "dashboard.who"), {{"name", s->user}, {"scope", role_words(f.lang, s->role)}});
  }
  return f;
}

std::string DashboardApp::role_words(const std::string& lang, const Role& role) const {
  std::vector<dashboard::Region> regions;
  {
    std::lock_guard<std::mutex> lock(regions_mu_);
    regions = regions_;
  }
  return scope_words(Labels(tr_, &*catalogue_, std::move(regions), lang), scope_of(role));
}

http::Reply DashboardApp::error_page(const http::Request& r, int status, const std::string& key,
                                     const std::string& back, const DashSession* s) const {
  const std::string lang = lang_of(r);
  Frame f = frame(r, "error", tr_.get(lang, "dashboard.refused_title"), s);
  f.message = tr_.get(lang, key);
  return web::html(status, pages_->error(f, back));
}

http::Reply DashboardApp::set_lang(const http::Request& r) {
  web::Form q;
  try {
    q = web::parse_urlencoded(r.query, form_limits_);
  } catch (const web::FormError&) {
    return error_page(r, 400, "dashboard.bad_request", "/");
  }
  http::Reply reply = web::see_other(safe_back(q.get("back")));
  if (page_language(q.get("to"))) web::set_cookie(reply, kLangCookie, q.get("to"), kLangCookieSeconds);
  return reply;
}

void DashboardApp::audit(const std::string& user, const std::string& what, const std::string& detail) {
  try {
    std::lock_guard<std::mutex> lock(primary_mu_);
    if (!primary_ || !primary_->ok()) primary_ = std::make_unique<pg::Connection>(opt_.audit_db);
    Users(*primary_).audit(user, what, detail);
  } catch (const std::exception& e) {
    log::error(std::string("dashboard: could not write the audit row (") + what + "): " + e.what());
  }
}

http::Reply DashboardApp::handle(const http::Request& r) {
  try {
    const bool get = r.method == "GET" || r.method == "HEAD";
    if (get)
      if (auto file = statics_->get(r.path, r.query)) return *file;
    if (get && r.path == "/signin") return get_signin(r);
    if (get && r.path == "/lang") return set_lang(r);
    if (r.method == "POST" && r.path == "/signin") return post_signin(r);
    if (r.method == "POST" && r.path == "/signout") return post_signout(r);
    if (!get) return error_page(r, 405, "dashboard.bad_request", "/");
    Found f = session_of(r);
    if (!f.session) return web::see_other("/signin");
    if (r.path == "/") return figures_page(r, *f.session, Which::Overview, "");
    if (r.path == "/centres") return figures_page(r, *f.session, Which::Centres, "");
    if (r.path.rfind("/centres/", 0) == 0 && r.path.size() > 9)
      return figures_page(r, *f.session, Which::Centre, r.path.substr(9));
    return error_page(r, 404, "dashboard.not_found", "/", f.session.get());
  } catch (const pg::DatabaseUnavailable& e) {
    log::error(std::string("dashboard: the database is not reachable: ") + e.what());
    return error_page(r, 503, "dashboard.database_away", r.path);
  } catch (const pg::DatabaseError& e) {
    log::error(std::string("dashboard: a query failed: ") + e.what());
    return error_page(r, 503, "dashboard.database_away", r.path);
  }
}

}  // namespace shubbak::upstream::dashboard_web
