// The ministry's dashboard as web pages (shubbak-upstream dashboard, docs/dashboard.md): sign-in with accounts of
// their own (upstream/dashboard_web/users.hpp), sessions in memory, and the three pages of figures in Arabic and
// French. Read-only on the figures' database (a primary or a hot standby); users and audit on the primary
// (--audit-db, by default the same database). The scope of every page comes from the signed-in user's role only:
// a URL naming a region or centre outside it is answered 403 with words and audited, whether or not it exists.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>

#include "common/catalogue.hpp"
#include "common/clock.hpp"
#include "common/i18n.hpp"
#include "http/server.hpp"
#include "upstream/dashboard_web/dashboard_limits.hpp"
#include "upstream/dashboard_web/pages.hpp"
#include "upstream/dashboard_web/read_pool.hpp"
#include "upstream/dashboard_web/role.hpp"
#include "web/form.hpp"
#include "web/rate_limit.hpp"
#include "web/sessions.hpp"
#include "web/static_files.hpp"

namespace shubbak::upstream::dashboard_web {

struct DashboardOptions {
  std::string db;        // the figures (read only: may be a hot standby)
  std::string audit_db;  // accounts and audit (the primary); "" = db
  std::string catalog;   // the centre catalogue (services' names, which are sensitive)
  std::string assets_dir, fonts_dir = "/usr/share/fonts/truetype/noto";
  int idle_seconds = limits::kIdleMinutes * 60;
  int session_seconds = limits::kAbsoluteHours * 3600;
  int signins_per_minute = limits::kSignInAttemptsPerMinute;  // per client address
};

struct DashSession {
  DashSession(std::string u, Role r, TimePoint end);
  const std::string user;
  const Role role;
  const std::string csrf;
  const TimePoint expires;                  // absolute end
  std::atomic<TimePoint::rep> last_used{};  // for the idle rule
};

class DashboardApp {
 public:
  // Loads what it serves (throws ConfigError, std::runtime_error with words); connects lazily.
  explicit DashboardApp(DashboardOptions o);
  http::Reply handle(const http::Request& r);
  http::ServerOptions server_options() const;
  // The clock of sessions and sign-in rates (tests move it forward instead of waiting).
  SystemClock& clock() { return clock_; }

 private:
  struct Found {
    std::string id;
    std::shared_ptr<DashSession> session;
  };
  enum class Which { Overview, Centres, Centre };

  // dashboard_app.cpp
  Found session_of(const http::Request& r);
  std::string lang_of(const http::Request& r) const;
  std::string peer_of(const http::Request& r) const;
  std::string role_words(const std::string& lang, const Role& role) const;
  Frame frame(const http::Request& r, const std::string& page, const std::string& title, const DashSession* s) const;
  http::Reply error_page(const http::Request& r, int status, const std::string& key, const std::string& back,
                         const DashSession* s = nullptr) const;
  http::Reply set_lang(const http::Request& r);
  // Writes one audit row on the primary (a failure is logged: the page is refused all the same).
  void audit(const std::string& user, const std::string& what, const std::string& detail);

  // signin_routes.cpp
  http::Reply get_signin(const http::Request& r);
  http::Reply post_signin(const http::Request& r);
  http::Reply post_signout(const http::Request& r);
  http::Reply signin_page(const http::Request& r, int status, const std::string& message, const std::string& name);

  // page_routes.cpp
  http::Reply figures_page(const http::Request& r, const DashSession& s, Which which, const std::string& centre);
  http::Reply forbidden(const http::Request& r, const DashSession& s);
  std::string scope_words(const Labels& l, const dashboard::Scope& scope) const;
  std::vector<dashboard::Region> regions_once(pg::Connection& c);

  DashboardOptions opt_;
  Translations tr_;
  std::optional<Catalogue> catalogue_;
  dashboard::Options figures_options_;  // its `today` set per request
  std::optional<web::StaticFiles> statics_;
  std::optional<Pages> pages_;
  ReadPool reads_;
  std::mutex primary_mu_;  // one connection for accounts and audit (sign-ins are bounded below)
  std::unique_ptr<pg::Connection> primary_;
  mutable std::mutex regions_mu_;
  std::vector<dashboard::Region> regions_;
  web::Sessions<DashSession> sessions_;
  web::RateLimit signin_rate_;
  std::counting_semaphore<limits::kMaxConcurrentSignIns> signins_running_{limits::kMaxConcurrentSignIns};
  SystemClock clock_;
  web::FormLimits form_limits_;
};

}  // namespace shubbak::upstream::dashboard_web
