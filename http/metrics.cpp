#include "http/metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace shubbak::http {

namespace {

void header(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void sample(std::string& out, const std::string& name_and_labels, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " %.17g\n", value);
  out += name_and_labels + buf;
}

const char* db_state_name(Metrics::Db s) {
  switch (s) {
    case Metrics::Db::Idle: return "idle";
    case Metrics::Db::Busy: return "busy";
    case Metrics::Db::Down: return "down";
    case Metrics::Db::None: break;
  }
  return "none";
}

}  // namespace

Metrics::Metrics(std::vector<std::string> routes, int db_slots)
    : routes_(std::move(routes)), db_(new std::atomic<int>[std::max(db_slots, 1)]), db_slots_(db_slots) {
  for (int i = 0; i < std::max(db_slots, 1); ++i) db_[i] = static_cast<int>(Db::None);
}

std::string Metrics::route_label(const std::string& path) const {
  return std::find(routes_.begin(), routes_.end(), path) != routes_.end() ? path : "other";
}

void Metrics::count_request(const std::string& path, int status) {
  std::string route = route_label(path);
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, status}];
}

void Metrics::count_records(int stored, int duplicate, int rejected, int conflict) {
  stored_ += stored, duplicate_ += duplicate, rejected_ += rejected, conflict_ += conflict;
}

void Metrics::observe_batch(double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < kBuckets; ++i)
    if (seconds <= kBatchBuckets[i]) {
      ++batch_buckets_[i];
      break;
    }
  ++batch_count_;
  batch_sum_ += seconds;
}

void Metrics::db_state(int slot, Db state) {
  if (slot >= 0 && slot < db_slots_) db_[slot] = static_cast<int>(state);
}

void Metrics::render_requests(std::string& out) const {
  header(out, "shubbak_requests_total", "counter", "Requests answered, by route and HTTP status.");
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [key, n] : requests_)
    sample(out, "shubbak_requests_total{route=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"}",
           static_cast<double>(n));
}

void Metrics::render_batches(std::string& out) const {
  header(out, "shubbak_batch_seconds", "histogram", "Time to answer a batch of records, database included.");
  std::lock_guard<std::mutex> lock(mu_);
  unsigned long long cumulative = 0;
  for (size_t i = 0; i < kBuckets; ++i) {
    cumulative += batch_buckets_[i];
    char le[32];
    std::snprintf(le, sizeof le, "%g", kBatchBuckets[i]);
    sample(out, std::string("shubbak_batch_seconds_bucket{le=\"") + le + "\"}", static_cast<double>(cumulative));
  }
  sample(out, "shubbak_batch_seconds_bucket{le=\"+Inf\"}", static_cast<double>(batch_count_));
  sample(out, "shubbak_batch_seconds_sum", batch_sum_);
  sample(out, "shubbak_batch_seconds_count", static_cast<double>(batch_count_));
}

void Metrics::render_db(std::string& out) const {
  header(out, "shubbak_db_connections", "gauge", "PostgreSQL connections of this receiver, by state.");
  int counts[4] = {};
  for (int i = 0; i < db_slots_; ++i) ++counts[db_[i].load()];
  for (Db s : {Db::Idle, Db::Busy, Db::Down})
    sample(out, std::string("shubbak_db_connections{state=\"") + db_state_name(s) + "\"}",
           counts[static_cast<int>(s)]);
}

std::string Metrics::render() const {
  std::string out;
  render_requests(out);
  header(out, "shubbak_records_total", "counter", "Records answered, by result (conflict: also counted duplicate).");
  sample(out, "shubbak_records_total{result=\"stored\"}", static_cast<double>(stored_.load()));
  sample(out, "shubbak_records_total{result=\"duplicate\"}", static_cast<double>(duplicate_.load()));
  sample(out, "shubbak_records_total{result=\"rejected\"}", static_cast<double>(rejected_.load()));
  sample(out, "shubbak_records_total{result=\"conflict\"}", static_cast<double>(conflict_.load()));
  render_batches(out);
  render_db(out);
  header(out, "shubbak_inflight_requests", "gauge", "Requests received and not yet answered.");
  sample(out, "shubbak_inflight_requests", inflight_.load());
  header(out, "shubbak_buffered_body_bytes", "gauge", "Request body bytes held in memory, all requests together.");
  sample(out, "shubbak_buffered_body_bytes", static_cast<double>(buffered_.load()));
  header(out, "shubbak_refused_connections_total", "counter",
         "Connections closed before a byte was read: the peer is outside the allow-list.");
  sample(out, "shubbak_refused_connections_total", static_cast<double>(refused_connections_.load()));
  header(out, "shubbak_parked_requests", "gauge", "Requests waiting for news (long polling), holding no worker.");
  sample(out, "shubbak_parked_requests", parked_.load());
  return out;
}

}  // namespace shubbak::http
