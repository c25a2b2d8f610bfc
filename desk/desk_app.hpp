// shubbak-desk: the staff console served to the desks' browsers on the centre's LAN. Wires the configuration, the
// translations, the pages, the sessions and the HTTP(S) server; routes each request (desk/*_routes.cpp).
#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <semaphore>
#include <string>

#include "common/centre_settings.hpp"
#include "common/clock.hpp"
#include "desk/form.hpp"
#include "desk/pages.hpp"
#include "desk/rate_limit.hpp"
#include "desk/sessions.hpp"
#include "desk/static_files.hpp"
#include "http/server.hpp"
#include "common/i18n.hpp"

namespace shubbak::desk {

struct DeskOptions {
  std::string data_dir, config_dir;
  std::string listen;      // empty: [desk] listen
  std::string assets_dir;  // empty: the installed (or built) assets
  std::string fonts_dir = "/usr/share/fonts/truetype/noto";
};

class DeskApp {
 public:
  // Loads everything it serves; throws ConfigError, StoreError or std::runtime_error with words.
  explicit DeskApp(DeskOptions options);
  ~DeskApp();
  DeskApp(const DeskApp&) = delete;
  DeskApp& operator=(const DeskApp&) = delete;

  http::Reply handle(const http::Request& r);
  // The server's options: bounds (desk/desk_limits.hpp), TLS from [desk], the allow-list.
  http::ServerOptions server_options() const;
  const DeskOptions& options() const { return opt_; }
  const CentreConfig& config() const { return config_; }
  // The watcher's idle rule: every session's flow ticks; those it signed out are forgotten (and told so once).
  void tick_sessions();
  // The watcher's tick: the idle rule; a store that could not be opened tried again (every
  // limits::kStoreRetrySeconds); the housekeeping when due (desk/housekeeping.hpp).
  void tick();
  // The desk started without any catalogue it could use / cannot open the store now: every page says so.
  bool without_catalogue() const { return no_catalogue_; }
  bool store_down() const { return store_down_; }

 private:
  struct Found {
    std::string id;
    std::shared_ptr<DeskSession> session;
  };
  // An action on a signed-in session: "" when done, else the key of the words saying why not.
  using Action = std::string (DeskApp::*)(DeskSession&, const Form&);

  Found session_of(const http::Request& r);
  std::string lang_of(const http::Request& r) const;  // before sign-in: this PC's last language, else the centre's
  http::Reply error_page(int status, const std::string& lang, const std::string& message_key,
                         const std::string& back) const;
  // desk/outage.cpp: while the desk cannot serve the console (no catalogue, the store not opened), the page saying
  // so in the staff member's language; nullopt when it can.
  std::optional<http::Reply> outage_page(const http::Request& r) const;
  void open_store_now();  // opens (and brings up to date) the store; on failure the desk answers the outage page
  void housekeep();       // desk/housekeeping.hpp, its failures logged
  // The words on the sign-in page after the idle rule signed her out: after N minutes without activity.
  std::string idle_words(const std::string& lang) const;
  // lang "": this PC's; login and counter: what the form had.
  http::Reply signin_page(const http::Request& r, int status, const std::string& message, const std::string& lang,
                          const std::string& login, int counter);

  http::Reply get_signin(const http::Request& r);
  http::Reply post_signin(const http::Request& r);
  http::Reply get_console(const http::Request& r, bool fragment);
  http::Reply get_events(const http::Request& r);
  // The console (or its live parts) of a signed-in session; draft: the served form as she had typed it.
  http::Reply console_page(DeskSession& s, int status, const std::string& message, const ServedDraft& draft,
                           bool fragment);
  http::Reply post_action(const http::Request& r, Action act);

  std::string call_next(DeskSession& s, const Form& f);
  std::string recall(DeskSession& s, const Form& f);
  std::string no_show(DeskSession& s, const Form& f);
  std::string served(DeskSession& s, const Form& f);
  std::string transfer(DeskSession& s, const Form& f);
  std::string priority(DeskSession& s, const Form& f);
  std::string ack_alerts(DeskSession& s, const Form& f);
  std::string touch(DeskSession& s, const Form& f);
  std::string sign_out(DeskSession& s, const Form& f);
  // Accompaniment (desk/accompany_routes.cpp): refused, the console again with the forms as typed and why.
  std::string book(DeskSession& s, const Form& f);
  std::string cancel_appointment(DeskSession& s, const Form& f);
  std::string refer(DeskSession& s, const Form& f);
  std::string referral_step(DeskSession& s, const Form& f);
  std::string consent(DeskSession& s, const Form& f);
  static bool shows_console_again(Action act);
  DeskContext context_of(DeskSession& s);
  // GET /console?book_service=&book_day=&move=: the booking box's choices.
  void choose_booking(DeskSession& s, const Form& q);

  DeskOptions opt_;
  std::string catalogue_refused_;  // why the catalogue was refused at start (then on its last good copy, if any)
  bool no_catalogue_ = false;      // refused with no good copy: the desk only says to call the technician
  CentreConfig config_;
  SystemClock clock_;
  Translations tr_;
  std::optional<Pages> pages_;
  std::optional<StaticFiles> statics_;
  Sessions sessions_;
  RateLimit signin_rate_;
  std::counting_semaphore<64> signins_running_;
  std::string tls_cert_pem_, tls_key_pem_;
  std::atomic<bool> store_down_{false};
  // The watcher's thread only: when the store is tried again, when the housekeeping runs next.
  std::chrono::steady_clock::time_point next_store_try_{}, next_housekeeping_{};
};

}  // namespace shubbak::desk
