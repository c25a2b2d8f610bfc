#include "sms/notifier.hpp"

#include <stdexcept>
#include <vector>

#include "common/log.hpp"
#include "sms/planner.hpp"

namespace shubbak::sms {

namespace {

constexpr const char* kGaveUp = "gammu-smsd could not send it after every attempt (modem, SIM credit or network)";

std::string day_month(TimePoint t, const TimeZone& zone) {
  const std::string d = local_day(t, zone);  // YYYY-MM-DD
  return d.substr(8, 2) + "/" + d.substr(5, 2);
}

}  // namespace

Notifier::Notifier(store::Database& db, const CentreConfig& config, const Translations& tr, const Clock& clock)
    : db_(db),
      config_(config),
      clock_(clock),
      texts_(tr, config.settings.sms, config.settings.default_lang),
      spool_(config.settings.sms.spool) {
  spool_.prepare();
  spool_.remove_temporaries();
}

RoundResult Notifier::round() {
  RoundResult r;
  const TimePoint now = clock_.now();
  PlanResult p = plan_messages(db_, config_, now);
  r.planned = p.turn_near + p.reminders;
  r.cancelled = p.cancelled;
  collect(now, r);
  sweep_orphans();
  if (!config_.settings.sms.quiet_at(local_minute_of_day(now, config_.settings.zone))) spool_due(now, r);
  watch_modem(now, r);
  return r;
}

void Notifier::spool_due(TimePoint now, RoundResult& r) {
  std::vector<int64_t> due;
  {
    auto st = db_.prepare("SELECT id FROM sms_queue WHERE state='queued' AND send_after<=? "
                          "ORDER BY kind<>'turn_near', id LIMIT ?");
    st.bind(1, to_rfc3339_utc(now)).bind(2, kMessagesPerRound);
    while (st.step()) due.push_back(st.integer(0));
  }
  for (int64_t id : due)
    if (spool_one(id, now, r)) ++r.spooled;
}

MessageFacts Notifier::facts_of(const std::string& kind, const std::string& subject) {
  MessageFacts f;
  if (kind == "turn_near") {
    auto st = db_.prepare("SELECT number FROM tickets WHERE id=?");
    st.bind(1, subject);
    if (st.step()) f.ticket = st.text(0);
    return f;
  }
  auto st = db_.prepare("SELECT slot_start FROM appointments WHERE id=?");
  st.bind(1, subject);
  TimePoint slot{};
  if (st.step() && parse_rfc3339_utc(st.text(0), slot)) {
    f.day = day_month(slot, config_.settings.zone);
    f.time = local_hhmm(slot, config_.settings.zone);
  }
  return f;
}

// Steps 1-3 of the header for one row. False if nothing was written (cancelled meanwhile, no number).
bool Notifier::spool_one(int64_t id, TimePoint now, RoundResult& r) {
  std::string name, body, phone, kind, subject, lang;
  int attempts = 0;
  {
    // A typed number goes only to the ticket's own number (gone once the ticket ended), never to a registered one.
    auto st = db_.prepare("SELECT q.kind, coalesce(q.subject,''), coalesce(q.spool_name,''), coalesce(q.body,''), "
                          "coalesce(q.phone,''), q.attempts, coalesce(CASE WHEN q.typed THEN p.phone ELSE v.phone END,''), "
                          "coalesce(CASE WHEN q.typed THEN p.lang ELSE v.lang END,'') FROM sms_queue q "
                          "LEFT JOIN visitors v ON v.id=q.visitor_id LEFT JOIN ticket_phones p ON q.typed AND "
                          "p.ticket_id=q.subject WHERE q.id=? AND q.state='queued'");
    st.bind(1, id);
    if (!st.step()) return false;
    kind = st.text(0), subject = st.text(1), name = st.text(2), body = st.text(3), phone = st.text(4);
    attempts = static_cast<int>(st.integer(5));
    if (phone.empty()) phone = st.text(6);
    lang = st.text(7);
  }
  if (!name.empty() && spool_.find(name) != Where::Nowhere) {
    // Written before a crash: only the mark was missing.
  } else {
    if (phone.empty()) {
      db_.transaction([&] {
        db_.prepare("UPDATE sms_queue SET state='cancelled', last_error='no phone number' WHERE id=? AND state='queued'")
            .bind(1, id).run();
      });
      ++r.cancelled;
      return false;
    }
    if (name.empty()) {
      Kind k = Kind::TurnNear;
      parse_kind(kind, k);
      body = texts_.compose(k, lang, facts_of(kind, subject));
      name = Spool::file_name(id, attempts, phone, k == Kind::TurnNear, now);
      bool still_queued = false;
      db_.transaction([&] {
        db_.prepare("UPDATE sms_queue SET spool_name=?, phone=?, body=? WHERE id=? AND state='queued'")
            .bind(1, name).bind(2, phone).bind(3, body).bind(4, id).run();
        still_queued = db_.changes() == 1;
      });
      if (!still_queued) return false;
    }
    spool_.write(name, body);
  }
  db_.transaction([&] {
    db_.prepare("UPDATE sms_queue SET state='spooled', spooled_at=? WHERE id=? AND state='queued'")
        .bind(1, to_rfc3339_utc(now)).bind(2, id).run();
  });
  log::debug("sms: message " + std::to_string(id) + " (" + kind + ") handed to gammu-smsd");
  return true;
}

void Notifier::collect(TimePoint now, RoundResult& r) {
  struct Row { int64_t id; std::string name; int attempts; };
  std::vector<Row> spooled;
  {
    auto st = db_.prepare("SELECT id, spool_name, attempts FROM sms_queue WHERE state='spooled'");
    while (st.step()) spooled.push_back({st.integer(0), st.text(1), static_cast<int>(st.integer(2))});
  }
  for (const auto& row : spooled) {
    const Where w = spool_.find(row.name);
    if (w == Where::Outbox) continue;
    if (w == Where::Sent) {
      db_.transaction([&] {
        db_.prepare("UPDATE sms_queue SET state='sent', sent_at=? WHERE id=? AND state='spooled'")
            .bind(1, to_rfc3339_utc(now)).bind(2, row.id).run();
      });
      spool_.remove(Where::Sent, row.name);  // gammu's copy holds her number and the text: gone once recorded
      ++r.sent;
      set_alert(kFailedAlert, false, now);
      log::info("sms: message " + std::to_string(row.id) + " sent");
      continue;
    }
    record_error(row.id, row.attempts + 1, row.name, now, r);
    spool_.remove(w, row.name);
  }
}

// gammu-smsd put the file in error/ (or it vanished from outbox/): again later, or failed after max_attempts.
void Notifier::record_error(int64_t id, int attempts, const std::string& name, TimePoint now, RoundResult& r) {
  const SmsSettings& s = config_.settings.sms;
  const bool give_up = attempts >= s.max_attempts;
  db_.transaction([&] {
    if (give_up)
      db_.prepare("UPDATE sms_queue SET state='failed', attempts=?, last_error=? WHERE id=? AND state='spooled'")
          .bind(1, attempts).bind(2, kGaveUp).bind(3, id).run();
    else
      db_.prepare("UPDATE sms_queue SET state='queued', attempts=?, spool_name=NULL, send_after=?, last_error=? "
                  "WHERE id=? AND state='spooled'")
          .bind(1, attempts).bind(2, to_rfc3339_utc(now + std::chrono::seconds(s.retry_seconds)))
          .bind(3, "gammu-smsd could not send it; trying again").bind(4, id).run();
  });
  (void)name;
  if (give_up) {
    ++r.failed;
    set_alert(kFailedAlert, true, now);
    log::warn("sms: message " + std::to_string(id) + " failed after " + std::to_string(attempts) + " attempts");
  } else {
    ++r.retried;
    log::info("sms: message " + std::to_string(id) + " not sent by gammu-smsd (attempt " + std::to_string(attempts) +
              "); trying again in " + std::to_string(s.retry_seconds) + " s");
  }
}

// Files of ours no row points at any more (a crash between recording and deleting, a message cancelled while it
// was being written): deleted, since they hold a number.
void Notifier::sweep_orphans() {
  for (Where w : {Where::Outbox, Where::Sent, Where::Error})
    for (const auto& f : spool_.ours(w)) {
      auto st = db_.prepare("SELECT state, coalesce(spool_name,'') FROM sms_queue WHERE id=?");
      st.bind(1, f.row);
      bool keep = false;
      if (st.step()) {
        const std::string state = st.text(0);
        const bool points_here = st.text(1) == f.name;
        keep = w == Where::Outbox ? state != "cancelled" : points_here && (state == "spooled" || state == "queued");
      }
      st.reset();
      if (!keep) spool_.remove(w, f.name);
    }
}

void Notifier::watch_modem(TimePoint now, RoundResult& r) {
  auto oldest = spool_.oldest_in_outbox(std::chrono::system_clock::now());  // files carry the real time
  r.modem_silent = oldest && oldest->count() > config_.settings.sms.modem_silent_seconds;
  set_alert(kModemAlert, r.modem_silent, now);
}

void Notifier::set_alert(const char* kind, bool open, TimePoint now) {
  auto st = db_.prepare("SELECT count(*) FROM alerts WHERE kind=? AND resolved_at IS NULL");
  st.bind(1, kind);
  st.step();
  const bool is_open = st.integer(0) > 0;
  st.reset();
  if (is_open == open) return;  // a state, not an event: written only when it changes
  db_.transaction([&] {
    if (open)
      db_.prepare("INSERT INTO alerts(at, kind, source) VALUES(?,?,'shubbak-sms')")
          .bind(1, to_rfc3339_utc(now)).bind(2, kind).run();
    else
      db_.prepare("UPDATE alerts SET resolved_at=? WHERE kind=? AND resolved_at IS NULL")
          .bind(1, to_rfc3339_utc(now)).bind(2, kind).run();
  });
  if (open && std::string(kind) == kModemAlert)
    log::warn("sms: gammu-smsd has not taken a message for " + std::to_string(config_.settings.sms.modem_silent_seconds) +
              " s: is it running, is the modem plugged in?");
}

}  // namespace shubbak::sms
