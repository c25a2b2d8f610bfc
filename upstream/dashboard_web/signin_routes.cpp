// GET and POST /signin, POST /signout: a pre-session CSRF pair (cookie + form field) for the sign-in form, a session
// cookie after it, the session's own CSRF token on sign-out; sign-ins bounded per address and in number at once.
#include "common/log.hpp"
#include "upstream/dashboard_web/dashboard_app.hpp"
#include "upstream/dashboard_web/users.hpp"
#include "web/replies.hpp"
#include "web/tokens.hpp"

namespace shubbak::upstream::dashboard_web {

namespace {

constexpr const char* kSessionCookie = "shubbak_dash";
constexpr const char* kPreSessionCookie = "shubbak_dash_pre";

std::string pre_session_token(const http::Request& r) {
  auto cookies = web::parse_cookies(r.header("cookie"));
  auto it = cookies.find(kPreSessionCookie);
  return it != cookies.end() && it->second.size() == web::random_token().size() ? it->second : std::string();
}

}  // namespace

http::Reply DashboardApp::signin_page(const http::Request& r, int status, const std::string& message,
                                      const std::string& name) {
  Frame f = frame(r, "signin", tr_.get(lang_of(r), "dashboard.signin_title"), nullptr);
  f.path_query = "/signin";
  f.message = message;
  std::string csrf = pre_session_token(r);
  const bool fresh = csrf.empty();
  if (fresh) csrf = web::random_token();
  http::Reply reply = web::html(status, pages_->signin(f, name, csrf));
  if (fresh) web::set_cookie(reply, kPreSessionCookie, csrf);
  return reply;
}

http::Reply DashboardApp::get_signin(const http::Request& r) {
  Found f = session_of(r);
  if (f.session) return web::see_other("/");
  const bool idle = !f.id.empty() && sessions_.take_idle_end(f.id, clock_.now());
  const std::string message =
      idle ? format(tr_.get(lang_of(r), "dashboard.signed_out_idle"), {{"minutes", std::to_string(opt_.idle_seconds / 60)}})
           : "";
  http::Reply reply = signin_page(r, 200, message, "");
  if (!f.id.empty()) web::clear_cookie(reply, kSessionCookie);
  return reply;
}

http::Reply DashboardApp::post_signin(const http::Request& r) {
  const std::string lang = lang_of(r);
  if (!web::is_urlencoded(r.header("content-type"))) return error_page(r, 415, "dashboard.bad_request", "/signin");
  if (!signin_rate_.allow(peer_of(r), clock_.now())) {
    http::Reply reply = signin_page(r, 429, tr_.get(lang, "dashboard.too_many_attempts"), "");
    reply.headers.emplace_back("Retry-After", std::to_string(limits::kRetryAfterSeconds));
    return reply;
  }
  web::Form form;
  try {
    form = web::parse_urlencoded(r.body, form_limits_);
  } catch (const web::FormError& e) {
    log::warn(std::string("dashboard: a sign-in form refused: ") + e.what());
    return error_page(r, 400, "dashboard.bad_request", "/signin");
  }
  const std::string pre = pre_session_token(r);
  if (pre.empty() || !web::same_token(pre, form.get("csrf"))) {
    log::warn("dashboard: a sign-in without its form's token refused (CSRF)");
    return error_page(r, 403, "dashboard.csrf_refused", "/signin");
  }
  if (!signins_running_.try_acquire()) return signin_page(r, 503, tr_.get(lang, "dashboard.busy"), form.get("name"));
  SignInResult res;
  try {
    std::lock_guard<std::mutex> lock(primary_mu_);
    if (!primary_ || !primary_->ok()) primary_ = std::make_unique<pg::Connection>(opt_.audit_db);
    res = Users(*primary_).sign_in(form.get("name"), form.get("password"));
  } catch (...) {
    signins_running_.release();
    throw;
  }
  signins_running_.release();
  if (res.kind == SignInResult::Kind::Locked) {
    const std::string words = res.locked_until == "operator"
                                  ? tr_.get(lang, "dashboard.locked_by_operator")
                                  : format(tr_.get(lang, "dashboard.locked_until"), {{"until", res.locked_until}});
    return signin_page(r, 403, words, form.get("name"));
  }
  if (res.kind == SignInResult::Kind::Wrong)
    return signin_page(r, 401, tr_.get(lang, "dashboard.wrong_password"), form.get("name"));
  const TimePoint now = clock_.now();
  auto s = std::make_shared<DashSession>(form.get("name"), res.role, now + Seconds(opt_.session_seconds));
  s->last_used = now.time_since_epoch().count();
  const std::string id = sessions_.add(s, now);
  if (id.empty()) return signin_page(r, 503, tr_.get(lang, "dashboard.busy"), form.get("name"));
  log::info("dashboard: " + s->user + " signed in (" + s->role.text() + ")");
  http::Reply reply = web::see_other("/");
  web::set_cookie(reply, kSessionCookie, id);
  web::clear_cookie(reply, kPreSessionCookie);
  return reply;
}

http::Reply DashboardApp::post_signout(const http::Request& r) {
  Found f = session_of(r);
  if (!f.session) return web::see_other("/signin");
  web::Form form;
  try {
    form = web::parse_urlencoded(r.body, form_limits_);
  } catch (const web::FormError&) {
    return error_page(r, 400, "dashboard.bad_request", "/", f.session.get());
  }
  if (!web::same_token(f.session->csrf, form.get("csrf"))) {
    log::warn("dashboard: a sign-out without the session's token refused (CSRF)");
    return error_page(r, 403, "dashboard.csrf_refused", "/", f.session.get());
  }
  sessions_.remove(f.id);
  log::info("dashboard: " + f.session->user + " signed out");
  http::Reply reply = web::see_other("/signin");
  web::clear_cookie(reply, kSessionCookie);
  return reply;
}

}  // namespace shubbak::upstream::dashboard_web
