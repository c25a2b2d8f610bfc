// What the kiosks did together: counters every kiosk thread adds to, and each batch's latency.
#pragma once
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace shubbak::loadgen {

struct Totals {
  std::atomic<int64_t> confirmed{0};   // named stored or duplicate
  std::atomic<int64_t> rejected{0};    // named rejected, or refused alone (400/413): never confirmed
  std::atomic<int64_t> batches{0};     // answers (200) that confirmed at least one record
  std::atomic<int64_t> requests{0};    // POSTs sent
  std::atomic<int64_t> retries{0};     // POSTs that repeated a batch, or resent records after a failure
  std::atomic<int64_t> answers_503{0}, answers_429{0}, answers_413{0}, answers_400{0};
  std::atomic<int64_t> answers_5xx{0};  // any other status but 200 (502 from nginx, 500, ...)
  std::atomic<int64_t> transfer_errors{0};  // no answer: refused, reset, timed out, truncated
  std::atomic<int64_t> last_done_ms{0};     // since the start, when the last record was confirmed

  // Records confirmed in each second since the start (the rate's steadiness).
  void add_confirmed(int64_t n, int64_t since_start_ms);
  // Records per second confirmed between 10% and 90% of `elapsed_s` (leaving out the start and the last kiosks).
  double steady_rate(double elapsed_s) const;
  // An answered (200) batch: its whole time, and the part spent opening a connection (0 on a reused one).
  void add_latency(double ms, double connect_ms);
  std::vector<double> latencies() const;  // of answered (200) batches
  std::vector<double> connects() const;   // of the answered batches that opened a connection
  void note_error(const std::string& words);  // the last failure, in words (no token, no personal data)
  std::string last_error() const;

 private:
  mutable std::mutex mu_;
  std::vector<double> latencies_;
  std::vector<double> connects_;
  std::vector<int64_t> per_second_;
  std::string last_error_;
};

// The q-quantile (0..1) of `v` (sorted in place); 0 if empty.
double quantile(std::vector<double>& v, double q);

}  // namespace shubbak::loadgen
