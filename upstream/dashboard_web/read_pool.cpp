#include "upstream/dashboard_web/read_pool.hpp"

#include "upstream/dashboard_web/dashboard_limits.hpp"

namespace shubbak::upstream::dashboard_web {

ReadPool::Lease ReadPool::borrow() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty() || open_ < size_; });
  if (!free_.empty()) {
    auto c = std::move(free_.back());
    free_.pop_back();
    if (c->ok()) return Lease(*this, std::move(c));
    --open_;  // broken: replaced below
  }
  ++open_;
  lock.unlock();
  try {
    auto c = std::make_unique<pg::Connection>(conninfo_);
    c->exec("SET statement_timeout = '" + std::to_string(limits::kStatementTimeoutSeconds) + "s'");
    c->exec("SET default_transaction_read_only = on");
    c->exec("SET max_parallel_workers_per_gather = " + std::to_string(limits::kParallelWorkersPerGather));
    c->exec("SET work_mem = '" + std::to_string(limits::kWorkMemMegabytes) + "MB'");
    return Lease(*this, std::move(c));
  } catch (...) {
    std::lock_guard<std::mutex> relock(mu_);
    --open_;
    cv_.notify_one();
    throw;
  }
}

void ReadPool::give_back(std::unique_ptr<pg::Connection> c) {
  std::lock_guard<std::mutex> lock(mu_);
  if (c && c->ok()) free_.push_back(std::move(c));
  else --open_;
  cv_.notify_one();
}

}  // namespace shubbak::upstream::dashboard_web
