#include "upstream/app/periodic.hpp"

namespace shubbak::upstream::app {

Periodic::Periodic(std::chrono::milliseconds every, std::function<bool()> work)
    : every_(every), work_(std::move(work)), thread_([this] { run(); }) {}

Periodic::~Periodic() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Periodic::run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    bool again = work_();
    lock.lock();
    if (!again) cv_.wait_for(lock, every_, [this] { return stopping_; });
  }
}

}  // namespace shubbak::upstream::app
