// The dashboard's aggregates brought up to date (migration 3: the receivers only queue the ids of the records each
// batch really inserted; this counts them). One session at a time aggregates — the holder of a session advisory
// lock —, each step in a REPEATABLE READ transaction that counts the first queued batches and removes them from the
// queue together: a step that fails or is killed counts nothing, and no record is counted twice.
#pragma once
#include <optional>

#include "upstream/pg/connection.hpp"

namespace shubbak::upstream::pg {

// Queued batches counted in one step: a burst is caught up in steps of about this many x 500 records.
inline constexpr int kAggregateMaxBatches = 400;

class Aggregator {
 public:
  explicit Aggregator(Connection& c) : c_(c) {}
  ~Aggregator();  // gives the lock back if this connection still holds it
  Aggregator(const Aggregator&) = delete;
  Aggregator& operator=(const Aggregator&) = delete;

  // One step: the records counted (0: nothing was queued), or nullopt while another session is the aggregator.
  std::optional<long long> step(int max_batches = kAggregateMaxBatches);
  bool leader() const { return leader_; }

 private:
  Connection& c_;
  bool leader_ = false;
};

// Counts everything queued now, waiting for the aggregator's lock if another session holds it (tests, tools).
// Returns the records counted.
long long aggregate_everything(Connection& c);

}  // namespace shubbak::upstream::pg
