#include "upstream/pg/aggregate.hpp"

#include <string>

#include "upstream/pg/batch_rows.hpp"  // array_literal

namespace shubbak::upstream::pg {

namespace {

// The aggregator's lock, (7306416, 1) as dash_aggregate() checks it ("shubbak" in hashed digits, plus one).
const char* kTryLock = "SELECT pg_try_advisory_lock(7306416, 1)";
const char* kLock = "SELECT pg_advisory_lock(7306416, 1)";
const char* kUnlock = "SELECT pg_advisory_unlock(7306416, 1)";

long long counted_in_one_step(Connection& c, int max_batches, const std::optional<CentreWindow>& w) {
  Transaction tx(c, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  Result r = w ? c.exec("SELECT dash_aggregate($1, $2::date, $3::text[])",
                        {std::to_string(max_batches), w->today.empty() ? Param() : Param(w->today),
                         array_literal(std::vector<Param>(w->leave_out.begin(), w->leave_out.end()))})
               : c.exec("SELECT dash_aggregate($1)", {std::to_string(max_batches)});
  long long n = r.integer(0, 0);
  tx.commit();
  return n;
}

}  // namespace

Aggregator::~Aggregator() {
  if (!leader_ || !c_.ok()) return;
  try {
    c_.exec(kUnlock);
  } catch (...) {  // the session ending gives it back too
  }
}

std::optional<long long> Aggregator::step(int max_batches) {
  if (!c_.ok()) leader_ = false;  // a lost session lost its lock with it
  if (!leader_) {
    if (c_.exec(kTryLock).text(0, 0) != "t") return std::nullopt;
    leader_ = true;
  }
  return counted_in_one_step(c_, max_batches, window_);
}

long long aggregate_everything(Connection& c, const std::optional<CentreWindow>& window) {
  c.exec(kLock);
  long long total = 0;
  try {
    for (long long n = 1; n > 0; total += n) n = counted_in_one_step(c, kAggregateMaxBatches, window);
  } catch (...) {
    if (c.ok()) c.exec(kUnlock);
    throw;
  }
  c.exec(kUnlock);
  return total;
}

}  // namespace shubbak::upstream::pg
