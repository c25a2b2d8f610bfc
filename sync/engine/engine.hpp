// The sync engine: outbox -> batch -> HTTPS -> results. A record becomes sent only when a valid response names
// its id; one bad record never blocks the others; every failure leaves words for staff in sync_status.
// It knows nothing of screens.
#pragma once
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/database.hpp"
#include "sync/transport/https_client.hpp"

namespace shubbak::sync {

struct EngineConfig {
  std::string base_url;  // https://host:port
  std::string token;
  std::string centre_id, kiosk_id;
  int max_records = 500;
  size_t max_bytes = 512 * 1024;
  int backoff_base_seconds = 2;
  int backoff_cap_seconds = 300;
};

struct RoundResult {
  enum Kind {
    Idle,       // nothing due
    Delivered,  // a batch was answered (some records may be set aside or left pending)
    Retry,      // not delivered; try again at next_attempt
    Stopped,    // needs a person: credentials refused, TLS identity not verified
  } kind = Idle;
  int delivered = 0, quarantined = 0, left_pending = 0;
  bool failed = false;  // an attempt that failed (a batch split to find a bad record is progress, not failure)
  TimePoint next_attempt{};
  std::string error_kind;   // "offline", "interrupted", "server", "busy", "portal", "unconfirmed", "not_protocol",
                            // "credentials", "tls", ...
  std::string error_words;  // plain words, no personal data
};

// The ceiling of the full-jitter backoff after `failures` failed attempts in a row: base * 2^failures, capped.
double backoff_ceiling_seconds(int failures, int base_seconds, int cap_seconds);

struct RecordAck;

class Engine {
 public:
  Engine(store::Database& db, transport::HttpsClient& http, EngineConfig cfg, std::function<TimePoint()> now);
  // At start: batches that were in flight when a process died become pending again.
  void start();
  // One step: sends (or resends) one batch if one is due.
  RoundResult round();
  int current_limit() const { return limit_; }

 private:
  struct Batch {
    std::string id;
    std::vector<std::string> ids;
    std::string body;
    bool gzipped = false;
    TimePoint not_before{};
  };
  RoundResult send(Batch& b);
  RoundResult on_transfer_error(Batch& b, const transport::HttpResponse& resp);
  RoundResult split(Batch& b, long status, const std::string& body);
  RoundResult apply_acks(Batch& b, const std::vector<RecordAck>& acks);
  RoundResult unconfirmed(Batch& b);
  std::string retry_words(TimePoint next) const;
  RoundResult hold(Batch& b, const std::string& kind, const std::string& words, long retry_after = -1);
  RoundResult give_back(Batch& b, const std::string& kind, const std::string& words, bool stop);
  TimePoint backoff(long retry_after);
  void write_status(const RoundResult& r);

  store::Database& db_;
  transport::HttpsClient& http_;
  EngineConfig cfg_;
  std::function<TimePoint()> now_;
  std::optional<Batch> held_;
  int limit_;
  int failures_ = 0;
  double last_ceiling_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace shubbak::sync
