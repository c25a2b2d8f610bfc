// What a receiver counts, exposed on GET /metrics in Prometheus's text format (version 0.0.4): requests by route
// and status, records by result, batch latency, database connections, requests in flight, body bytes buffered,
// connections refused by the allow-list, requests parked (long polling).
// Thread-safe; counting costs an atomic add or one short lock.
#pragma once
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace shubbak::http {

class Metrics {
 public:
  // `routes`: the paths counted by name (any other path is counted as route="other", so that a scan of random
  // paths cannot grow the exposition). `db_slots`: how many database connections there can be (one per worker).
  explicit Metrics(std::vector<std::string> routes = {}, int db_slots = 0);

  void count_request(const std::string& path, int status);
  void count_records(int stored, int duplicate, int rejected, int conflict);
  void observe_batch(double seconds);

  enum class Db { None, Idle, Busy, Down };
  void db_state(int slot, Db state);  // slot outside [0, db_slots): ignored

  void add_inflight(int delta) { inflight_ += delta; }
  // Returns the new total.
  long long add_buffered(long long delta) { return buffered_ += delta; }
  long long buffered() const { return buffered_.load(); }
  void count_refused_connection() { ++refused_connections_; }
  void add_parked(int delta) { parked_ += delta; }

  std::string render() const;

  // Upper bounds of the batch latency histogram, in seconds (the goal is p99 <= 2 s).
  static constexpr double kBatchBuckets[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10};

 private:
  std::string route_label(const std::string& path) const;
  void render_requests(std::string& out) const;
  void render_batches(std::string& out) const;
  void render_db(std::string& out) const;

  std::vector<std::string> routes_;
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, unsigned long long> requests_;  // (route, status) -> count
  std::atomic<unsigned long long> stored_{0}, duplicate_{0}, rejected_{0}, conflict_{0};
  static constexpr size_t kBuckets = sizeof kBatchBuckets / sizeof kBatchBuckets[0];
  unsigned long long batch_buckets_[kBuckets] = {};  // under mu_, not cumulative
  unsigned long long batch_count_ = 0;
  double batch_sum_ = 0;
  std::unique_ptr<std::atomic<int>[]> db_;
  int db_slots_ = 0;
  std::atomic<int> inflight_{0};
  std::atomic<long long> buffered_{0};
  std::atomic<unsigned long long> refused_connections_{0};
  std::atomic<int> parked_{0};
};

}  // namespace shubbak::http
