// The console: GET /console (the page), GET /console/live (its live parts), GET /events (long poll on the store's
// data_version), and the actions, each an ordinary form POST checked for its CSRF token and answered 303.
#include <algorithm>
#include <utility>

#include "common/log.hpp"
#include "desk/desk_app.hpp"
#include "desk/outage.hpp"
#include "desk/replies.hpp"
#include "desk/tokens.hpp"
#include "desk/words.hpp"

namespace shubbak::desk {

namespace {

// A browser sends a textarea's line breaks as CRLF; the note keeps them as LF (its limit counts either as one).
std::string lf_lines(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i)
    if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) out += s[i];
  return out;
}

}  // namespace

http::Reply DeskApp::get_console(const http::Request& r, bool fragment) {
  Found found = session_of(r);
  // Words, not a key: after the idle rule, how long she was away (the setting's minutes).
  auto signed_out = [&](const std::string& words) {
    // The live request leaves the cookie: the page it reloads learns why the session ended.
    if (fragment) return json(401, "{\"signed_in\":false}");
    http::Reply reply = signin_page(r, 200, words, "", "", 1);
    if (!found.id.empty()) clear_cookie(reply, kSessionCookie);
    return reply;
  };
  if (!found.session) {
    if (found.id.empty()) return signed_out("");
    const bool idle = !fragment && sessions_.take_idle_end(found.id, clock_.now());
    return signed_out(idle ? idle_words(lang_of(r)) : Words(tr_, lang_of(r)).tr("desk.session_ended"));
  }
  DeskSession& s = *found.session;
  std::lock_guard<std::mutex> lock(s.mu);
  s.counter.dispatch(cev::Tick{});
  if (!s.signed_in()) {
    if (fragment) {
      sessions_.end_idle(found.id);  // the page the script reloads says so
      return signed_out("");
    }
    sessions_.remove(found.id);
    return signed_out(idle_words(lang_of(r)));
  }
  s.counter.poll();  // what changed in the store since the last look (a page loaded too: never a stale queue)
  if (!fragment) {
    s.counter.dispatch(cev::Touch{});  // a reload is her hand on the desk (live updates are not)
    try {
      choose_booking(s, parse_urlencoded(r.query));
    } catch (const FormError&) {
      // a broken query: the console as it was
    }
  }
  Words w(tr_, s.counter.lang());
  std::string message = w.message(s.counter.state());
  if (message.empty() && !fragment && std::exchange(s.not_saved, false)) message = w.tr("desk.not_saved");
  // A kiosk of the centre, or this desk itself, runs on its last good catalogue.
  if (message.empty() && (s.counter.snapshot().catalogue_fallback || !catalogue_refused_.empty()))
    message = w.tr("counter.catalogue_fallback");
  if (message.empty() && !s.counter.snapshot().sms_trouble.empty())
    message = w.tr(sms_trouble_key(s.counter.snapshot().sms_trouble));
  return console_page(s, 200, message, {}, fragment);
}

http::Reply DeskApp::console_page(DeskSession& s, int status, const std::string& message, const ServedDraft& draft,
                                  bool fragment) {
  // Her file is read again for a page (a view, audited), kept for a live update.
  AccompanyView acc = load_accompaniment(context_of(s), s.acc, !fragment);
  std::string words = message;
  if (words.empty() && !fragment) words = std::exchange(s.acc.notice, "");
  ConsoleView v{s.counter.state(), s.counter.snapshot(), s.counter.lang(), s.csrf, words, s.counter.seen_version(),
                draft, &acc};
  return html(status, fragment ? pages_->live(v) : pages_->console(v));
}

http::Reply DeskApp::get_events(const http::Request& r) {
  Found found = session_of(r);
  if (!found.session) return json(401, "{\"signed_in\":false}");
  int64_t since = -1;
  try {
    Form q = parse_urlencoded(r.query);
    since = std::stoll(q.get("since"));
  } catch (const std::exception&) {
    since = -1;  // no or a broken version: answer at once with the current one
  }
  int64_t version = 0;
  {
    std::lock_guard<std::mutex> lock(found.session->mu);
    if (!found.session->signed_in()) return json(401, "{\"signed_in\":false}");
    found.session->counter.poll();
    version = found.session->counter.seen_version();
  }
  if (version == since && !r.parked_timeout) return http::Reply::park();
  return json(200, "{\"version\":" + std::to_string(version) + "}");
}

http::Reply DeskApp::post_action(const http::Request& r, Action act) {
  Found found = session_of(r);
  if (!found.session) {
    const bool idle = !found.id.empty() && sessions_.take_idle_end(found.id, clock_.now());
    const std::string words = idle ? idle_words(lang_of(r)) : Words(tr_, lang_of(r)).tr("desk.session_ended");
    http::Reply reply = signin_page(r, 401, words, "", "", 1);
    if (!found.id.empty()) clear_cookie(reply, kSessionCookie);
    return reply;
  }
  DeskSession& s = *found.session;
  std::lock_guard<std::mutex> lock(s.mu);
  const std::string lang = s.counter.lang();
  if (!is_urlencoded(r.header("content-type"))) return error_page(415, lang, "desk.bad_request", "/console");
  Form f;
  try {
    f = parse_urlencoded(r.body);
  } catch (const FormError& e) {
    log::warn(std::string("desk: a console form refused: ") + e.what());
    return error_page(400, lang, "desk.bad_request", "/console");
  }
  if (!same_token(f.get("csrf"), s.csrf)) {
    log::warn("desk: a form without its CSRF token refused (" + r.path + ", " + s.counter.state().login + ")");
    return error_page(403, lang, "desk.csrf_refused", "/console");
  }
  s.counter.dispatch(cev::Tick{});
  if (s.signed_in()) {
    std::string why;
    try {
      why = (this->*act)(s, f);
    } catch (const store::StoreError&) {
      s.not_saved = true;  // answered with the failure's words (handle); the next page says it was not saved
      throw;
    }
    if (!why.empty()) {
      if (!shows_console_again(act)) return error_page(400, lang, why, "/console");
      // Refused: the console again with the forms as she typed them (the served form's note and outcome; the
      // accompaniment's in her session's draft), and why.
      std::map<std::string, std::string> values = s.acc.why;
      values.emplace("max", std::to_string(CounterFlow::kMaxNoteChars));
      const Words w(tr_, lang);
      if (s.acc.offer) values["when"] = w.when(*s.acc.offer, config_.settings.zone);
      const std::string words = w.tr(why, values);
      s.acc.why.clear();
      ServedDraft draft;
      if (act == &DeskApp::served) draft = {lf_lines(f.get("note")), f.get("outcome")};
      return console_page(s, 400, words, draft, false);
    }
  }
  if (s.signed_in() && r.path == "/touch") return json(204, "");  // the script's "she is still here"
  if (s.signed_in()) return see_other("/console");
  sessions_.remove(found.id);
  const bool idle = s.counter.state().message == "counter.signed_out_idle";
  http::Reply reply = idle ? signin_page(r, 401, idle_words(lang), lang, "", 1) : see_other("/signin");
  clear_cookie(reply, kSessionCookie);
  return reply;
}

std::string DeskApp::idle_words(const std::string& lang) const {
  const int seconds = config_.settings.tuning.staff_idle_signout_seconds;
  const int minutes = std::max(1, (seconds + 59) / 60);
  return Words(tr_, lang).tr("desk.signed_out_idle_minutes", {{"minutes", std::to_string(minutes)}});
}

std::string DeskApp::call_next(DeskSession& s, const Form&) {
  if (!s.counter.state().current_id.empty()) return "";  // she is being served: a double click calls no one else
  s.counter.dispatch(cev::CallNext{});
  const CounterState& st = s.counter.state();
  if (!st.current_number.empty())
    log::info("desk: " + st.login + " called " + st.current_number + " at desk " + std::to_string(st.counter));
  return "";
}

std::string DeskApp::recall(DeskSession& s, const Form&) {
  s.counter.dispatch(cev::Recall{});
  return "";
}

std::string DeskApp::no_show(DeskSession& s, const Form&) {
  s.counter.dispatch(cev::NoShow{});
  return "";
}

std::string DeskApp::served(DeskSession& s, const Form& f) {
  const std::string outcome = f.get("outcome");
  bool known = false;
  for (const auto& o : config_.catalogue.outcomes()) known = known || o.id == outcome;
  if (!known) return N_("desk.choose_outcome");
  const std::string note = lf_lines(f.get("note"));
  if (!CounterFlow::note_fits(note)) return N_("counter.note_too_long");  // refused whole, never cut
  s.counter.dispatch(cev::EditNote{note});
  s.counter.dispatch(cev::Served{outcome});
  return "";
}

std::string DeskApp::transfer(DeskSession& s, const Form& f) {
  const std::string service = f.get("service");
  if (!config_.catalogue.service(service)) return N_("desk.choose_service");
  if (service == s.counter.state().current_service) return N_("counter.transfer_same_service");
  if (!s.counter.state().choosing_transfer) s.counter.dispatch(cev::OpenTransfer{});
  s.counter.dispatch(cev::TransferTo{service});
  if (s.counter.state().choosing_transfer) s.counter.dispatch(cev::OpenTransfer{});  // closed again
  return "";
}

std::string DeskApp::priority(DeskSession& s, const Form& f) {
  const std::string ticket = f.get("ticket");
  for (const auto& q : s.counter.snapshot().queue)
    if (q.id == ticket) {
      s.counter.dispatch(cev::TogglePriority{ticket});
      return "";
    }
  return "";  // no longer waiting (called at another desk): nothing to do
}

std::string DeskApp::ack_alerts(DeskSession& s, const Form&) {
  s.counter.dispatch(cev::AckAlerts{});
  return "";
}

std::string DeskApp::touch(DeskSession& s, const Form&) {
  s.counter.dispatch(cev::Touch{});
  return "";
}

std::string DeskApp::sign_out(DeskSession& s, const Form&) {
  log::info("desk: " + s.counter.state().login + " signed out");
  s.counter.dispatch(cev::SignOut{});
  return "";
}

}  // namespace shubbak::desk
