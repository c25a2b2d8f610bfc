// GET and POST /signin: the form's answers become the counter flow's own events (language, staff, desk number, PIN
// digits, submit), so the lockout, the audit and the messages are the counter's.
#include <charconv>

#include "common/languages.hpp"
#include "common/log.hpp"
#include "desk/desk_app.hpp"
#include "desk/desk_limits.hpp"
#include "desk/replies.hpp"
#include "desk/tokens.hpp"
#include "desk/words.hpp"
#include "store/data_dir.hpp"

namespace shubbak::desk {

namespace {

constexpr int kLangCookieSeconds = 365 * 24 * 3600;

std::string pre_session_token(const http::Request& r) {
  auto cookies = parse_cookies(r.header("cookie"));
  auto it = cookies.find(kPreSessionCookie);
  return it != cookies.end() && it->second.size() == random_token().size() ? it->second : std::string();
}

// 1..99, else 0.
int desk_number(const std::string& text) {
  int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  return ec == std::errc() && end == text.data() + text.size() && n >= 1 && n <= 99 ? n : 0;
}

bool all_digits(const std::string& s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

http::Reply DeskApp::signin_page(const http::Request& r, int status, const std::string& message,
                                 const std::string& lang, const std::string& login, int counter) {
  // A short-lived connection of its own: who may sign in (active staff), through the counter's own reading.
  store::Database db = store::open_store(opt_.data_dir);
  CounterSession reader(db, config_, clock_);
  std::string csrf = pre_session_token(r);
  const bool fresh = csrf.empty();
  if (fresh) csrf = random_token();
  SignInView v{lang.empty() ? lang_of(r) : lang, csrf, message, reader.snapshot().staff, login, counter};
  http::Reply reply = html(status, pages_->signin(v));
  if (fresh) set_cookie(reply, kPreSessionCookie, csrf);
  return reply;
}

http::Reply DeskApp::get_signin(const http::Request& r) {
  if (session_of(r).session) return see_other("/console");
  return signin_page(r, 200, "", "", "", 1);
}

http::Reply DeskApp::post_signin(const http::Request& r) {
  const std::string page_lang = lang_of(r);
  if (!is_urlencoded(r.header("content-type"))) return error_page(415, page_lang, "desk.bad_request", "/signin");
  Form f;
  try {
    f = parse_urlencoded(r.body);
  } catch (const FormError& e) {
    log::warn(std::string("desk: a sign-in form refused: ") + e.what());
    return error_page(400, page_lang, "desk.bad_request", "/signin");
  }
  const std::string lang = find_language(f.get("lang")) ? f.get("lang") : page_lang;
  if (!same_token(pre_session_token(r), f.get("csrf"))) return error_page(403, lang, "desk.csrf_refused", "/signin");
  const TimePoint now = clock_.now();
  if (!signin_rate_.allow(r.peer, now)) {
    log::warn("desk: too many sign-in attempts from " + r.peer);
    http::Reply reply = error_page(429, lang, "desk.too_many_attempts", "/signin");
    reply.headers.emplace_back("Retry-After", std::to_string(limits::kRetryAfterSeconds));
    return reply;
  }
  Words w(tr_, lang);
  const int counter = desk_number(f.get("counter"));
  const std::string pin = f.get("pin");
  const std::string login = f.get("login");
  auto again = [&](int status, const std::string& words) {
    return signin_page(r, status, words, lang, login, counter == 0 ? 1 : counter);
  };
  if (counter == 0) return again(400, w.tr("desk.desk_number_range"));
  if (pin.size() < 4 || pin.size() > limits::kMaxPinDigits || !all_digits(pin)) return again(400, w.tr("counter.pin_short"));

  auto s = std::make_shared<DeskSession>(opt_.data_dir, config_, clock_,
                                         now + std::chrono::minutes(config_.settings.desk.session_minutes));
  std::lock_guard<std::mutex> lock(s->mu);
  CounterSession& c = s->counter;
  c.dispatch(cev::SetLanguage{lang});
  for (const auto& st : c.snapshot().staff)
    if (st.login == login) c.dispatch(cev::PickStaff{st.login, st.name});
  if (c.state().login.empty()) return again(400, w.tr("desk.choose_name"));
  c.dispatch(cev::CounterStep{counter - c.state().counter});
  for (char d : pin) c.dispatch(cev::PinDigit{d});
  {
    // argon2id takes 64 MiB each: a few at once, whatever the number of workers.
    struct Slot {
      std::counting_semaphore<64>& sem;
      explicit Slot(std::counting_semaphore<64>& s) : sem(s) { sem.acquire(); }
      ~Slot() { sem.release(); }
    } slot(signins_running_);
    c.dispatch(cev::SubmitPin{});
  }
  if (!s->signed_in()) {
    log::info("desk: sign-in refused for " + login + " from " + r.peer);
    return again(200, w.message(c.state()));
  }
  std::string id = sessions_.add(s, now);
  if (id.empty()) {
    c.dispatch(cev::SignOut{});
    log::warn("desk: sign-in of " + login + " refused: " + std::to_string(limits::kMaxSessions) + " desks already");
    return error_page(503, lang, "desk.too_many_sessions", "/signin");
  }
  log::info("desk: " + login + " signed in at desk " + std::to_string(counter) + " from " + r.peer);
  http::Reply reply = see_other("/console");
  set_cookie(reply, kSessionCookie, id);
  set_cookie(reply, kLangCookie, lang, kLangCookieSeconds);
  clear_cookie(reply, kPreSessionCookie);
  return reply;
}

}  // namespace shubbak::desk
