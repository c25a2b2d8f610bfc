// One kiosk of the load: its sealed backlog, its batches built before the clock starts, and the daemon's rules for
// sending them (docs/sync-protocol.md, "Answer"): a record counts only when an answer names it stored or
// duplicate; 5xx, timeouts and resets send the same batch again (same key, same body) after backoff with full
// jitter; 429/503 wait at least Retry-After; 413 halves the batch; 400 halves it until the refused record is alone;
// an answer that confirms none of the batch is a failure and its records go again in a new batch.
#pragma once
#include <chrono>
#include <deque>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "sync/loadgen/batch.hpp"
#include "sync/loadgen/payloads.hpp"
#include "sync/loadgen/totals.hpp"
#include "sync/transport/https_client.hpp"

namespace shubbak::loadgen {

using Steady = std::chrono::steady_clock;

struct PlayRules {
  std::string url;  // https://HOST:PORT
  int max_records = 500;
  size_t max_bytes = 512 * 1024;
  int backoff_base_seconds = 2, backoff_cap_seconds = 30;
};

class KioskPlayer {
 public:
  KioskPlayer(KioskIdentity who, std::vector<SealedRecord> backlog, const PlayRules& rules,
              std::unique_ptr<transport::HttpsClient> http, Totals& totals);
  // Before the clock: the sealed backlog, and every batch built (and gzipped) as the daemon would.
  void prepare(std::vector<SealedRecord> backlog);
  // Opens the kiosk's connection (a GET /healthz, answer ignored), before the clock when not --cold.
  void connect();
  // Sends until every record is confirmed, the kiosk must stop (401/403, TLS), or `deadline`.
  void run(Steady::time_point start, Steady::time_point deadline);
  int records() const { return static_cast<int>(backlog_.size()); }
  int unconfirmed() const { return static_cast<int>(backlog_.size()) - confirmed_ - rejected_; }
  const std::string& stopped() const { return stopped_; }

 private:
  enum class Next { Again, Done, Stop };
  Next send(OutgoingBatch& b, Steady::time_point start);
  Next on_answer(OutgoingBatch& b, const transport::HttpResponse& resp);
  Next on_acks(OutgoingBatch& b, const transport::HttpResponse& resp);
  Next split(OutgoingBatch& b, long status);
  Next wait_and_repeat(const std::string& words, long retry_after);
  Next requeue_after_backoff(OutgoingBatch& b, const std::string& words);
  bool next_batch(OutgoingBatch& out);
  void sleep_backoff(long retry_after);

  KioskIdentity who_;
  std::vector<SealedRecord> backlog_;
  PlayRules rules_;
  std::unique_ptr<transport::HttpsClient> http_;
  Totals& totals_;
  std::deque<OutgoingBatch> queue_;
  std::vector<size_t> leftovers_;  // records to send again in new batches
  int limit_;
  int failures_ = 0;
  int confirmed_ = 0, rejected_ = 0;
  bool repeat_ = false;  // the next POST repeats one already sent
  std::string stopped_;
  Steady::time_point start_{}, deadline_{};
  std::mt19937_64 rng_;
};

}  // namespace shubbak::loadgen
