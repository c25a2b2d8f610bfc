#include "desk/desk_app.hpp"

#include <fstream>
#include <sstream>

#include "common/install_paths.hpp"
#include "common/languages.hpp"
#include "common/log.hpp"
#include "desk/desk_limits.hpp"
#include "desk/form.hpp"
#include "desk/outage.hpp"
#include "desk/replies.hpp"
#include "desk/tokens.hpp"
#include "desk/words.hpp"
#include "store/data_dir.hpp"

namespace shubbak::desk {

namespace {

// The TLS files of [desk]: the desk serves HTTPS only, so it does not start without them.
std::string read_tls_file(const std::string& path, const char* key, const std::pair<std::string, int>& where) {
  std::ifstream in(path);
  if (!in)
    throw ConfigError(where.first, where.second, std::string("[desk] ") + key,
                      path + " cannot be read: make it with `shubbak-admin desk-cert` (the desk serves HTTPS only)");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

DeskApp::DeskApp(DeskOptions o)
    : opt_(std::move(o)), config_(load_desk_config(opt_.config_dir, catalogue_refused_, no_catalogue_)),
      clock_(config_.settings.zone),
      sessions_(limits::kMaxSessions), signin_rate_(limits::kSignInAttemptsPerMinute, limits::kMaxPeersTracked),
      signins_running_(limits::kMaxConcurrentSignIns) {
  if (opt_.assets_dir.empty()) opt_.assets_dir = installed_or("assets", SHUBBAK_ASSETS_DIR);
  if (opt_.listen.empty()) opt_.listen = config_.settings.desk.listen;
  tls_cert_pem_ = read_tls_file(config_.settings.desk.cert_file, "cert_file", config_.settings.desk.where);
  tls_key_pem_ = read_tls_file(config_.settings.desk.key_file, "key_file", config_.settings.desk.where);
  tr_ = Translations::load(opt_.assets_dir + "/i18n");
  statics_.emplace(opt_.assets_dir + "/desk", opt_.fonts_dir);
  pages_.emplace(opt_.assets_dir + "/desk/templates", tr_, config_,
                 AssetUrls{statics_->url("desk.css"), statics_->url("desk.js")});
  if (!no_catalogue_) open_store_now();  // the store exists and its schema is current before anyone signs in
}

DeskApp::~DeskApp() = default;

http::ServerOptions DeskApp::server_options() const {
  http::ServerOptions o;
  o.workers = limits::kWorkers;
  o.max_body_bytes = limits::kMaxFormBytes;
  o.max_decoded_body_bytes = limits::kMaxFormBytes;
  o.max_buffered_body_bytes = limits::kMaxFormBytes * limits::kWorkers * 4;
  o.max_queued = limits::kMaxQueued;
  o.idle_timeout_seconds = limits::kIdleTimeoutSeconds;
  o.body_deadline_seconds = limits::kBodyDeadlineSeconds;
  o.max_connections = limits::kMaxConnections;
  o.park_seconds = limits::kParkSeconds;
  o.max_parked = limits::kMaxParked;
  o.metrics_path = "";  // nothing about the centre's day for anyone on the LAN
  o.tls_cert_pem = tls_cert_pem_;
  o.tls_key_pem = tls_key_pem_;
  for (const auto& net : config_.settings.desk.allow) {
    try {
      o.allow.push_back(http::Subnet::parse(net));
    } catch (const std::invalid_argument& e) {
      throw ConfigError(config_.settings.desk.where.first, config_.settings.desk.where.second, "[desk] allow",
                        "'" + net + "' is not a subnet (write 192.168.1.0/24 or fd00::/8): " + e.what());
    }
  }
  return o;
}

DeskApp::Found DeskApp::session_of(const http::Request& r) {
  auto cookies = parse_cookies(r.header("cookie"));
  auto it = cookies.find(kSessionCookie);
  if (it == cookies.end()) return {};
  return {it->second, sessions_.find(it->second, clock_.now())};
}

std::string DeskApp::lang_of(const http::Request& r) const {
  auto cookies = parse_cookies(r.header("cookie"));
  auto it = cookies.find(kLangCookie);
  if (it != cookies.end() && find_language(it->second)) return it->second;
  return config_.settings.default_lang;
}

http::Reply DeskApp::error_page(int status, const std::string& lang, const std::string& message_key,
                                const std::string& back) const {
  Words w(tr_, lang);
  return html(status, pages_->error({lang, w.tr("desk.refused_title"), w.tr(message_key), back}));
}

void DeskApp::tick_sessions() {
  for (auto& [id, s] : sessions_.all(clock_.now())) {
    std::lock_guard<std::mutex> lock(s->mu);
    if (!s->signed_in()) continue;
    const std::string login = s->counter.state().login;
    try {
      s->counter.dispatch(cev::Tick{});
    } catch (const store::StoreError& e) {
      log::error(std::string("desk: the idle rule could not read the store (") + store::fault_name(e.fault) + ")");
    }
    if (!s->signed_in()) {
      log::info("desk: " + login + " signed out after inactivity");
      sessions_.end_idle(id);  // her browser's next request says so, with the minutes
    }
  }
}

http::Reply DeskApp::handle(const http::Request& r) {
  try {
    if (r.method == "GET" || r.method == "HEAD")
      if (auto file = statics_->get(r.path, r.query)) return *file;
    if (auto outage = outage_page(r)) return *outage;
    if (r.method == "GET" || r.method == "HEAD") {
      if (r.path == "/") return see_other(session_of(r).session ? "/console" : "/signin");
      if (r.path == "/signin") return get_signin(r);
      if (r.path == "/console") return get_console(r, false);
      if (r.path == "/console/live") return get_console(r, true);
      if (r.path == "/events") return get_events(r);
    } else if (r.method == "POST") {
      if (r.path == "/signin") return post_signin(r);
      static const std::pair<const char*, Action> actions[] = {
          {"/call-next", &DeskApp::call_next}, {"/recall", &DeskApp::recall},
          {"/no-show", &DeskApp::no_show},     {"/served", &DeskApp::served},
          {"/transfer", &DeskApp::transfer},   {"/priority", &DeskApp::priority},
          {"/ack-alerts", &DeskApp::ack_alerts}, {"/touch", &DeskApp::touch},
          {"/signout", &DeskApp::sign_out},    {"/book", &DeskApp::book},
          {"/appointment-cancel", &DeskApp::cancel_appointment}, {"/refer", &DeskApp::refer},
          {"/referral", &DeskApp::referral_step}, {"/consent", &DeskApp::consent}};
      for (const auto& [path, act] : actions)
        if (r.path == path) return post_action(r, act);
    } else {
      return error_page(405, lang_of(r), "desk.bad_request", "/");
    }
    return error_page(404, lang_of(r), "desk.not_found", "/");
  } catch (const store::StoreError& e) {
    log::error(std::string("desk: the store failed (") + store::fault_name(e.fault) + "): " + e.what());
    return error_page(503, lang_of(r), "counter.store_error", "/");
  }
}

}  // namespace shubbak::desk
