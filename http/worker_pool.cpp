#include "http/worker_pool.hpp"

namespace shubbak::http {

WorkerPool::WorkerPool(int threads) {
  for (int i = 0; i < (threads > 0 ? threads : 1); ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkerPool::post(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.emplace_back(std::move(job), false);
  }
  cv_.notify_one();
}

bool WorkerPool::try_post(std::function<void()> job, size_t max_waiting) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (bounded_waiting_ + running_ >= threads_.size() + max_waiting) return false;
    jobs_.emplace_back(std::move(job), true);
    ++bounded_waiting_;
  }
  cv_.notify_one();
  return true;
}

void WorkerPool::run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front().first);
      if (jobs_.front().second) --bounded_waiting_;
      jobs_.pop_front();
      ++running_;
    }
    job();
    std::lock_guard<std::mutex> lock(mu_);
    --running_;
  }
}

}  // namespace shubbak::http
