#include "sync/engine/engine.hpp"

#include "sync/engine/answers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "common/log.hpp"
#include "store/outbox.hpp"
#include "store/seal.hpp"
#include "store/uuid.hpp"

namespace shubbak::sync {

using nlohmann::json;

Engine::Engine(store::Database& db, transport::HttpsClient& http, EngineConfig cfg, std::function<TimePoint()> now)
    : db_(db), http_(http), cfg_(std::move(cfg)), now_(std::move(now)), limit_(cfg_.max_records),
      rng_(std::random_device{}()) {}

void Engine::start() {
  int64_t n = store::reset_in_flight(db_);
  if (n > 0) log::info(std::to_string(n) + " records were being sent when the last run stopped; they will be sent again");
}

double backoff_ceiling_seconds(int failures, int base_seconds, int cap_seconds) {
  return std::min<double>(cap_seconds, base_seconds * std::pow(2.0, std::clamp(failures, 0, 30)));
}

TimePoint Engine::backoff(long retry_after) {
  // Exponential backoff with full jitter, capped; never earlier than the server's Retry-After.
  last_ceiling_ = backoff_ceiling_seconds(failures_, cfg_.backoff_base_seconds, cfg_.backoff_cap_seconds);
  std::uniform_real_distribution<double> pick(0, last_ceiling_);
  double wait = pick(rng_);
  if (retry_after >= 0) wait = std::max<double>(wait, std::min<long>(retry_after, 24 * 3600));
  return now_() + std::chrono::milliseconds(static_cast<long long>(wait * 1000));
}

std::string Engine::retry_words(TimePoint next) const {
  char buf[160];
  double in = std::chrono::duration<double>(next - now_()).count();
  std::snprintf(buf, sizeof buf, "next attempt in %.1f s (backoff up to %.0f s, %d failed in a row)", in,
                last_ceiling_, failures_);
  return buf;
}

void Engine::write_status(const RoundResult& r) {
  const std::string now = to_rfc3339_utc(now_());
  db_.transaction([&] {
    if (r.kind == RoundResult::Delivered) {
      db_.prepare("UPDATE sync_status SET last_success_at=?, last_attempt_at=?, last_error_kind=NULL, last_error=NULL,"
                  " next_attempt_at=NULL, consecutive_failures=0 WHERE id=1")
          .bind(1, now).bind(2, now).run();
    } else if (r.kind == RoundResult::Retry || r.kind == RoundResult::Stopped) {
      auto st = db_.prepare("UPDATE sync_status SET last_attempt_at=?, last_error_kind=?, last_error=?,"
                            " next_attempt_at=?, consecutive_failures=consecutive_failures+1 WHERE id=1");
      st.bind(1, now).bind(2, r.error_kind).bind(3, r.error_words);
      if (r.kind == RoundResult::Retry) st.bind(4, to_rfc3339_utc(r.next_attempt)); else st.bind_null(4);
      st.run();
    }
  });
}

RoundResult Engine::hold(Batch& b, const std::string& kind, const std::string& words, long retry_after) {
  ++failures_;
  RoundResult r;
  r.kind = RoundResult::Retry;
  r.failed = true;
  r.error_kind = kind;
  r.error_words = words;
  r.next_attempt = backoff(retry_after);
  b.not_before = r.next_attempt;
  // The same batch (same key, same body) goes again; the time survives a restart.
  store::defer(db_, b.ids, r.next_attempt, words);
  r.left_pending = static_cast<int>(b.ids.size());
  held_ = b;
  log::warn("batch not delivered (" + kind + "): " + words + " " + retry_words(r.next_attempt));
  return r;
}

RoundResult Engine::give_back(Batch& b, const std::string& kind, const std::string& words, bool stop) {
  ++failures_;
  RoundResult r;
  r.kind = stop ? RoundResult::Stopped : RoundResult::Retry;
  r.failed = true;
  r.error_kind = kind;
  r.error_words = words;
  r.next_attempt = backoff(-1);
  store::release(db_, b.ids, stop ? std::optional<TimePoint>() : std::optional<TimePoint>(r.next_attempt), words);
  r.left_pending = static_cast<int>(b.ids.size());
  held_.reset();
  log::error("sending stopped (" + kind + "): " + words);
  return r;
}

RoundResult Engine::round() {
  RoundResult r;
  if (held_) {
    if (now_() < held_->not_before) {
      r.kind = RoundResult::Retry;
      r.next_attempt = held_->not_before;
      return r;
    }
    Batch b = *held_;
    held_.reset();
    r = send(b);
    write_status(r);
    return r;
  }
  Batch b;
  b.id = store::new_uuid_v4();
  auto rows = store::claim_batch(db_, b.id, limit_, cfg_.max_bytes, now_());
  if (rows.empty()) return r;  // Idle
  json body = {{"kiosk_id", cfg_.kiosk_id},
               {"centre_id", cfg_.centre_id},
               {"batch_id", b.id},
               {"sent_at", to_rfc3339_utc(now_())},
               {"records", json::array()}};
  auto& recs = body["records"];
  for (auto& row : rows) {
    b.ids.push_back(row.id);
    recs.push_back({{"id", row.id},
                    {"kind", row.kind},
                    {"created_at", row.created_at},
                    {"schema", row.schema},
                    {"sealed", store::to_base64(row.payload)}});
  }
  b.body = body.dump();
  if (auto z = transport::gzip_if_smaller(b.body)) {
    b.body = std::move(*z);
    b.gzipped = true;
  }
  r = send(b);
  write_status(r);
  return r;
}

RoundResult Engine::send(Batch& b) {
  std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + cfg_.token},
                                                {"Idempotency-Key", b.id},
                                                {"Content-Type", "application/json"}};
  if (b.gzipped) headers["Content-Encoding"] = "gzip";
  transport::HttpResponse resp = http_.request("POST", cfg_.base_url + "/v1/records", headers, b.body);
  if (resp.oversized)
    return hold(b, "not_protocol",
                "The ministry server sent an answer far larger than our protocol allows, so it was not read. "
                "Nothing was counted as sent; will try again.");
  if (!resp.ok_transfer()) return on_transfer_error(b, resp);
  const long st = resp.status;
  if (st == 401 || st == 403)
    return give_back(b, "credentials", "The ministry server refused our key (HTTP " + std::to_string(st) +
                                           "). Call support: nothing is lost, records wait here.", true);
  if (st == 413 || st == 400) return split(b, st, resp.body);
  if (st == 429 || st == 503)
    return hold(b, "busy", "The ministry server is busy (HTTP " + std::to_string(st) + "); waiting as it asked.",
                resp.retry_after_seconds);
  if (st >= 500) return hold(b, "server", "The ministry server has a problem (HTTP " + std::to_string(st) + ").");
  if (st != 200) return hold(b, "server", "The ministry server answered HTTP " + std::to_string(st) + ".");

  // 200: only a valid answer naming ids delivers anything. A login page (captive portal) delivers nothing.
  auto acks = parse_records_answer(resp.headers["content-type"], resp.body);
  if (!acks)
    return hold(b, "portal",
                "The network answered with a web page instead of the ministry server (a Wi-Fi login page?). "
                "Nothing was counted as sent.");
  return apply_acks(b, *acks);
}

RoundResult Engine::on_transfer_error(Batch& b, const transport::HttpResponse& resp) {
  switch (resp.curl) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
      return give_back(b, "tls",
                       "The ministry server's identity could not be verified (certificate or key pin), so nothing "
                       "was sent. Call support. (" + resp.curl_error + ")",
                       true);
    case CURLE_UNSUPPORTED_PROTOCOL:
      return give_back(b, "config", "The upstream address must start with https://", true);
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      http_.reset_connection();
      return hold(b, "offline", "No connection to the ministry server; records wait here safely and will be sent.");
    case CURLE_OPERATION_TIMEDOUT:
      http_.reset_connection();
      return hold(b, "offline", "The connection to the ministry server is too slow or stalled; will try again.");
    default:
      // Truncated body, reset, empty reply: the server may have stored the batch. Same key, same body again.
      http_.reset_connection();
      return hold(b, "interrupted", "The connection broke while sending (" + resp.curl_error + "); will try again.");
  }
}

// 413 (too large) and 400 (a record it cannot accept): halve the batch and go again at once; a single record
// refused is set aside with the reason, so one bad record never blocks the rest.
RoundResult Engine::split(Batch& b, long st, const std::string& body) {
  const int n = static_cast<int>(b.ids.size());
  RoundResult r;
  if (n == 1) {
    std::string why = st == 413 ? "too large for the server (HTTP 413)" : "refused by the server: " + refusal_reason(body);
    store::quarantine(db_, b.ids[0], why);
    log::warn("a record was set aside: " + why);
    limit_ = cfg_.max_records;
    r.kind = RoundResult::Delivered;
    r.quarantined = 1;
    return r;
  }
  limit_ = std::max(1, n / 2);
  store::release(db_, b.ids, std::nullopt, "");
  r.kind = RoundResult::Retry;
  r.next_attempt = now_();
  r.error_kind = st == 413 ? "too_large" : "bad_record";
  r.error_words = st == 413 ? "The server asked for smaller batches."
                            : "The server refused a batch; looking for the record it cannot accept.";
  r.left_pending = n;
  return r;
}

RoundResult Engine::apply_acks(Batch& b, const std::vector<RecordAck>& acks) {
  std::set<std::string> ours(b.ids.begin(), b.ids.end());
  std::vector<std::string> sent;
  RoundResult r;
  r.kind = RoundResult::Delivered;
  for (const auto& a : acks) {
    if (!ours.count(a.id)) continue;  // never mark a record that was not in this batch
    if (a.status == RecordAck::Stored) {
      sent.push_back(a.id);
      ours.erase(a.id);
    } else if (a.status == RecordAck::Rejected) {
      store::quarantine(db_, a.id, "refused by the server: " + a.reason);
      ours.erase(a.id);
      ++r.quarantined;
    }
  }
  // An answer that names none of the batch's records is not a delivery: the same backoff as a 5xx.
  if (sent.empty() && r.quarantined == 0) return unconfirmed(b);
  store::mark_sent(db_, sent, now_());
  r.delivered = static_cast<int>(sent.size());
  // Ids the answer did not name stay pending: sent again later, never assumed delivered.
  std::vector<std::string> missing(ours.begin(), ours.end());
  store::release(db_, missing, missing.empty() ? std::nullopt : std::optional<TimePoint>(backoff(-1)),
                 missing.empty() ? "" : "not acknowledged by the server");
  r.left_pending = static_cast<int>(missing.size());
  failures_ = 0;
  limit_ = std::min(cfg_.max_records, limit_ * 2);
  return r;
}

// The records go back to pending with the next attempt after backoff, in a new batch (a new Idempotency-Key): a
// receiver that keeps its answers would give the same empty one to the same key for ever.
RoundResult Engine::unconfirmed(Batch& b) {
  ++failures_;
  RoundResult r;
  r.kind = RoundResult::Retry;
  r.failed = true;
  r.error_kind = "unconfirmed";
  r.error_words = "The ministry server answered without confirming any of the records, so none is counted as "
                  "sent. They wait here and will be sent again.";
  r.next_attempt = backoff(-1);
  r.left_pending = static_cast<int>(b.ids.size());
  store::release(db_, b.ids, r.next_attempt, r.error_words);
  log::warn("batch not delivered (unconfirmed): the answer named none of its " + std::to_string(b.ids.size()) +
            " records; " + retry_words(r.next_attempt));
  return r;
}

}  // namespace shubbak::sync
