// The dashboard's aggregates brought up to date (migration 3: the receivers only queue the ids of the records each
// batch really inserted; this counts them). One session at a time aggregates — the holder of a session advisory
// lock —, each step in a REPEATABLE READ transaction that counts the first queued batches and removes them from the
// queue together: a step that fails or is killed counts nothing, and no record is counted twice.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "upstream/pg/connection.hpp"

namespace shubbak::upstream::pg {

// Queued batches counted in one step: a burst is caught up in steps of about this many x 500 records.
inline constexpr int kAggregateMaxBatches = 400;

// The centres' window (migration 6) each step moves to: the 30 days ending `today` ("YYYY-MM-DD"; "" is Morocco's
// today, as the dashboard's), leaving out the services `leave_out` (the catalogue's sensitive ones). A step without
// one leaves the window where it is: a dashboard whose day or services differ reads the aggregates instead.
struct CentreWindow {
  std::string today;
  std::vector<std::string> leave_out;
};

class Aggregator {
 public:
  explicit Aggregator(Connection& c, std::optional<CentreWindow> window = std::nullopt)
      : c_(c), window_(std::move(window)) {}
  ~Aggregator();  // gives the lock back if this connection still holds it
  Aggregator(const Aggregator&) = delete;
  Aggregator& operator=(const Aggregator&) = delete;

  // One step: the records counted (0: nothing was queued), or nullopt while another session is the aggregator.
  std::optional<long long> step(int max_batches = kAggregateMaxBatches);
  bool leader() const { return leader_; }

 private:
  Connection& c_;
  std::optional<CentreWindow> window_;
  bool leader_ = false;
};

// Counts everything queued now, waiting for the aggregator's lock if another session holds it (tests, tools), and
// moves the window if one is given. Returns the records counted.
long long aggregate_everything(Connection& c, const std::optional<CentreWindow>& window = std::nullopt);

}  // namespace shubbak::upstream::pg
