// A fixed set of threads running queued jobs in order of arrival. The queue needs no bound of its own: every job
// holds a request whose body is counted in the server's buffered-bytes budget, and connections are limited.
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace shubbak::http {

class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();  // runs what is queued, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  // Always posted, and not counted by try_post (the server's woken parked requests: they are bounded by max_parked,
  // and must not make new requests busy).
  void post(std::function<void()> job);
  // Posts unless every thread is busy and `max_waiting` jobs posted by try_post already wait; false (nothing
  // posted) then.
  bool try_post(std::function<void()> job, size_t max_waiting);

 private:
  void run();
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<std::function<void()>, bool>> jobs_;  // (job, posted by try_post)
  size_t bounded_waiting_ = 0;                                // jobs_ posted by try_post
  bool stopping_ = false;
  size_t running_ = 0;  // jobs being run now
  std::vector<std::thread> threads_;
};

}  // namespace shubbak::http
