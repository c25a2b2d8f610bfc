#include "sync/app/daemon.hpp"

#include <chrono>
#include <cstdio>

#include "common/exit_codes.hpp"
#include "common/log.hpp"
#include "store/data_dir.hpp"
#include "store/outbox.hpp"
#include "sync/app/signals.hpp"

namespace shubbak::sync_app {

namespace {

TimePoint now() { return std::chrono::system_clock::now(); }

long ms_until(TimePoint t) { return std::chrono::duration_cast<std::chrono::milliseconds>(t - now()).count(); }

transport::Timeouts timeouts_of(const Options& o, const SyncSettings& ss) {
  transport::Timeouts t;
  t.connect_seconds = ss.connect_timeout_seconds;
  t.low_speed_seconds = ss.low_speed_seconds;
  if (o.request_deadline > 0) t.total_seconds = o.request_deadline;
  return t;
}

}  // namespace

Daemon::Daemon(const Options& o, const Settings& settings, const std::string& token)
    : o_(o), ss_(settings.sync), db_(store::open_store(o.data)),
      http_({ss_.ca_file, ss_.pins, ss_.client_cert, ss_.client_key}, timeouts_of(o, ss_)),
      ec_{ss_.upstream, token, settings.centre_id, settings.kiosk_id, ss_.batch_max_records,
          static_cast<size_t>(ss_.batch_max_kib) * 1024, 2, ss_.backoff_cap_seconds},
      engine_(db_, http_, ec_, [] { return now(); }), purge_(db_, ss_, settings.zone),
      extras_(db_, http_, ec_, ss_, o.data, settings.catalogue_file) {
  http_.set_fresh_connections(o.fresh_connections);
}

std::string Daemon::traffic() const {
  return std::to_string(http_.requests()) + " requests, " + std::to_string(http_.bytes_sent()) + " bytes sent, " +
         std::to_string(http_.bytes_received()) + " received";
}

int Daemon::run() {
  engine_.start();
  log::info("started: sending to " + ss_.upstream + (o_.once ? " until nothing is pending" : ""));
  seen_version_ = db_.data_version();
  while (true) {
    sync::RoundResult r = engine_.round();
    if (r.kind == sync::RoundResult::Delivered) {
      on_delivered(r);
      continue;  // more may be due right away
    }
    if (auto code = after_round(r)) return *code;
    if (wait(r)) {
      log::info("stopping");
      return exit_code::kOk;
    }
  }
}

void Daemon::on_delivered(const sync::RoundResult& r) {
  failures_ = 0;
  if (r.delivered || r.quarantined)
    log::info("delivered " + std::to_string(r.delivered) + " records" +
              (r.quarantined ? ", set aside " + std::to_string(r.quarantined) : ""));
}

std::optional<int> Daemon::after_round(const sync::RoundResult& r) {
  if (r.kind == sync::RoundResult::Stopped) {
    std::fprintf(stderr, "shubbak-sync: stopped: %s\n", r.error_words.c_str());
    if (o_.once) return exit_code::kNotDone;
  }
  // Records waiting for their backoff make a round idle: that is not a success, so it does not reset failures_.
  if (r.failed) ++failures_;
  if (r.kind == sync::RoundResult::Idle) {
    if (!o_.once || !store::next_due(db_)) extras_.maybe_run();
    purge_.maybe_run();
  }
  if (!o_.once) return std::nullopt;
  if (!store::next_due(db_)) {  // nothing pending or in flight: all delivered (or set aside)
    log::info("done: " + traffic());
    return exit_code::kOk;
  }
  if (failures_ < o_.max_failures) return std::nullopt;
  store::OutboxCounts c = store::outbox_counts(db_);
  std::string why = r.error_words.empty() ? db_.scalar_text("SELECT coalesce(last_error,'') FROM sync_status")
                                          : r.error_words;
  std::fprintf(stderr, "shubbak-sync: giving up after %d failed attempts, %lld records still waiting: %s\n",
               failures_, static_cast<long long>(c.pending + c.in_flight), why.c_str());
  return exit_code::kNotDone;
}

bool Daemon::wait(const sync::RoundResult& r) {
  // The next due time (honouring backoff and Retry-After), or new records from the kiosk, whichever is first.
  const bool backing_off = r.kind == sync::RoundResult::Retry || r.kind == sync::RoundResult::Stopped;
  TimePoint wake = now() + std::chrono::seconds(ss_.interval_seconds);
  auto due = store::next_due(db_);
  if (r.kind == sync::RoundResult::Retry) wake = r.next_attempt;
  else if (r.kind == sync::RoundResult::Stopped) wake = now() + std::chrono::seconds(ss_.backoff_cap_seconds);
  else if (due && *due < wake) wake = std::max(*due, now());
  while (ms_until(wake) > 0) {
    if (sleep_or_quit(std::min<long>(ms_until(wake), 500))) return true;
    int64_t v = db_.data_version();
    bool changed = v != seen_version_;
    seen_version_ = v;
    if (changed && !backing_off) {
      auto d = store::next_due(db_);
      if (d && *d <= now()) break;  // a new record to send: go now
    }
  }
  return false;
}

}  // namespace shubbak::sync_app
