#include "sync/loadgen/kiosk_player.hpp"

#include <algorithm>
#include <set>
#include <thread>

#include "sync/engine/answers.hpp"
#include "sync/engine/engine.hpp"

namespace shubbak::loadgen {

KioskPlayer::KioskPlayer(KioskIdentity who, std::vector<SealedRecord> backlog, const PlayRules& rules,
                         std::unique_ptr<transport::HttpsClient> http, Totals& totals)
    : who_(std::move(who)), backlog_(std::move(backlog)), rules_(rules), http_(std::move(http)), totals_(totals),
      limit_(rules.max_records), rng_(std::random_device{}()) {}

void KioskPlayer::prepare(std::vector<SealedRecord> backlog) {
  backlog_ = std::move(backlog);
  std::vector<size_t> pending(backlog_.size());
  for (size_t i = 0; i < pending.size(); ++i) pending[i] = i;
  while (!pending.empty()) queue_.push_back(build_batch(who_, backlog_, pending, rules_.max_records, rules_.max_bytes));
}

bool KioskPlayer::next_batch(OutgoingBatch& out) {
  if (!queue_.empty()) {
    out = std::move(queue_.front());
    queue_.pop_front();
    // A batch built before the server asked for smaller ones goes in pieces of the current limit.
    if (static_cast<int>(out.records.size()) <= limit_) return true;
    leftovers_.insert(leftovers_.begin(), out.records.begin(), out.records.end());
  }
  if (leftovers_.empty()) return false;
  out = build_batch(who_, backlog_, leftovers_, limit_, rules_.max_bytes);
  return true;
}

void KioskPlayer::run(Steady::time_point start, Steady::time_point deadline) {
  start_ = start;
  deadline_ = deadline;
  OutgoingBatch b;
  bool have = false;
  while (Steady::now() < deadline_) {
    if (!have && !(have = next_batch(b))) return;  // every record answered
    repeat_ = false;
    Next n;
    do {
      n = send(b, start);
    } while (n == Next::Again && Steady::now() < deadline_);
    if (n == Next::Stop) return;
    if (n == Next::Done) have = false;
  }
}

void KioskPlayer::connect() { http_->request("GET", rules_.url + "/healthz", {}, ""); }

KioskPlayer::Next KioskPlayer::send(OutgoingBatch& b, Steady::time_point start) {
  std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + who_.token},
                                                {"Idempotency-Key", b.key},
                                                {"Content-Type", "application/json"}};
  if (b.gzipped) headers["Content-Encoding"] = "gzip";
  if (repeat_) ++totals_.retries;
  repeat_ = true;
  ++totals_.requests;
  const auto t0 = Steady::now();
  transport::HttpResponse resp = http_->request("POST", rules_.url + "/v1/records", headers, b.body);
  const double ms = std::chrono::duration<double, std::milli>(Steady::now() - t0).count();
  if (resp.ok_transfer() && resp.status == 200) totals_.add_latency(ms, resp.connect_ms);
  Next n = on_answer(b, resp);
  if (n == Next::Done) {
    const auto since = std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - start).count();
    int64_t prev = totals_.last_done_ms.load();
    while (prev < since && !totals_.last_done_ms.compare_exchange_weak(prev, since)) {
    }
  }
  return n;
}

KioskPlayer::Next KioskPlayer::on_answer(OutgoingBatch& b, const transport::HttpResponse& resp) {
  if (!resp.ok_transfer()) {
    ++totals_.transfer_errors;
    switch (resp.curl) {
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        stopped_ = "the server's identity could not be verified (" + resp.curl_error + ")";
        totals_.note_error(who_.kiosk_id + ": " + stopped_);
        return Next::Stop;
      default:
        http_->reset_connection();
        return wait_and_repeat(resp.oversized ? "an answer far larger than the protocol allows"
                                              : "no answer (" + resp.curl_error + ")",
                               -1);
    }
  }
  const long st = resp.status;
  if (st == 401 || st == 403) {
    stopped_ = "the server refused this kiosk's token (HTTP " + std::to_string(st) + ")";
    totals_.note_error(who_.kiosk_id + ": " + stopped_);
    return Next::Stop;
  }
  if (st == 413 || st == 400) return split(b, st);
  if (st == 503) ++totals_.answers_503;
  if (st == 429) ++totals_.answers_429;
  if (st == 429 || st == 503)
    return wait_and_repeat("the server is busy (HTTP " + std::to_string(st) + ")", resp.retry_after_seconds);
  if (st != 200) {
    ++totals_.answers_5xx;
    return wait_and_repeat("the server answered HTTP " + std::to_string(st), -1);
  }
  return on_acks(b, resp);
}

KioskPlayer::Next KioskPlayer::on_acks(OutgoingBatch& b, const transport::HttpResponse& resp) {
  auto it = resp.headers.find("content-type");
  auto acks = sync::parse_records_answer(it == resp.headers.end() ? "" : it->second, resp.body);
  if (!acks) return wait_and_repeat("a 200 answer that is not the protocol's JSON", -1);
  std::set<std::string> named_ok, named_rejected;
  for (const auto& a : *acks) {
    if (a.status == sync::RecordAck::Stored) named_ok.insert(a.id);
    if (a.status == sync::RecordAck::Rejected) named_rejected.insert(a.id);
  }
  std::vector<size_t> missing;
  int ok = 0, refused = 0;
  for (size_t i : b.records) {
    if (named_ok.count(backlog_[i].id)) ++ok;
    else if (named_rejected.count(backlog_[i].id)) ++refused;
    else missing.push_back(i);
  }
  if (ok == 0 && refused == 0) {
    b.records = missing;
    return requeue_after_backoff(b, "an answer that confirmed none of the batch's records");
  }
  confirmed_ += ok;
  rejected_ += refused;
  totals_.add_confirmed(ok, std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - start_).count());
  totals_.rejected += refused;
  if (refused > 0) totals_.note_error(who_.kiosk_id + ": " + std::to_string(refused) + " records rejected");
  ++totals_.batches;
  failures_ = 0;
  limit_ = std::min(rules_.max_records, limit_ * 2);
  // Ids the answer did not name go again later in a new batch, never assumed delivered.
  leftovers_.insert(leftovers_.end(), missing.begin(), missing.end());
  return Next::Done;
}

// 413 halves the batch; 400 halves it until the record the server refuses is alone, then sets it aside.
KioskPlayer::Next KioskPlayer::split(OutgoingBatch& b, long status) {
  (status == 413 ? totals_.answers_413 : totals_.answers_400)++;
  const size_t n = b.records.size();
  if (n == 1) {
    ++rejected_;
    ++totals_.rejected;
    totals_.note_error(who_.kiosk_id + ": a record refused alone (HTTP " + std::to_string(status) + ")");
    return Next::Done;
  }
  limit_ = std::max<int>(1, static_cast<int>(n / 2));
  std::vector<size_t> first(b.records.begin(), b.records.begin() + static_cast<std::ptrdiff_t>(n / 2));
  std::vector<size_t> second(b.records.begin() + static_cast<std::ptrdiff_t>(n / 2), b.records.end());
  queue_.push_front(build_batch(who_, backlog_, second, limit_, rules_.max_bytes));
  queue_.push_front(build_batch(who_, backlog_, first, limit_, rules_.max_bytes));
  ++totals_.retries;
  return Next::Done;
}

void KioskPlayer::sleep_backoff(long retry_after) {
  ++failures_;
  const double ceiling = sync::backoff_ceiling_seconds(failures_, rules_.backoff_base_seconds,
                                                       rules_.backoff_cap_seconds);
  std::uniform_real_distribution<double> pick(0, ceiling);
  double wait = pick(rng_);
  if (retry_after >= 0) wait = std::max<double>(wait, static_cast<double>(std::min<long>(retry_after, 3600)));
  auto until = Steady::now() + std::chrono::milliseconds(static_cast<long long>(wait * 1000));
  std::this_thread::sleep_until(std::min(until, deadline_));  // the backoff itself, not a synchronisation
}

KioskPlayer::Next KioskPlayer::wait_and_repeat(const std::string& words, long retry_after) {
  totals_.note_error(who_.kiosk_id + ": " + words);
  sleep_backoff(retry_after);
  return Next::Again;
}

// The records go again in a new batch (a new key) after backoff: the same key would get the same answer.
KioskPlayer::Next KioskPlayer::requeue_after_backoff(OutgoingBatch& b, const std::string& words) {
  totals_.note_error(who_.kiosk_id + ": " + words);
  leftovers_.insert(leftovers_.end(), b.records.begin(), b.records.end());
  ++totals_.retries;
  sleep_backoff(-1);
  return Next::Done;
}

}  // namespace shubbak::loadgen
