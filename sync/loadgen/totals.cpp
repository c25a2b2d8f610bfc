#include "sync/loadgen/totals.hpp"

#include <algorithm>
#include <cmath>

namespace shubbak::loadgen {

void Totals::add_confirmed(int64_t n, int64_t since_start_ms) {
  confirmed += n;
  std::lock_guard<std::mutex> lock(mu_);
  const size_t s = static_cast<size_t>(since_start_ms / 1000);
  if (per_second_.size() <= s) per_second_.resize(s + 1, 0);
  per_second_[s] += n;
}

double Totals::steady_rate(double elapsed_s) const {
  std::lock_guard<std::mutex> lock(mu_);
  const size_t from = static_cast<size_t>(elapsed_s * 0.1), to = static_cast<size_t>(elapsed_s * 0.9);
  if (to <= from) return 0;
  int64_t n = 0;
  for (size_t s = from; s < to && s < per_second_.size(); ++s) n += per_second_[s];
  return static_cast<double>(n) / static_cast<double>(to - from);
}

void Totals::add_latency(double ms, double connect_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  latencies_.push_back(ms);
  if (connect_ms > 0) connects_.push_back(connect_ms);
}

std::vector<double> Totals::connects() const {
  std::lock_guard<std::mutex> lock(mu_);
  return connects_;
}

std::vector<double> Totals::latencies() const {
  std::lock_guard<std::mutex> lock(mu_);
  return latencies_;
}

void Totals::note_error(const std::string& words) {
  std::lock_guard<std::mutex> lock(mu_);
  last_error_ = words;
}

std::string Totals::last_error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_error_;
}

double quantile(std::vector<double>& v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  // Nearest rank: the smallest value with at least q of the values at or below it.
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

}  // namespace shubbak::loadgen
