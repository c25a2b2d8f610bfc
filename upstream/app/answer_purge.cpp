#include "upstream/app/answer_purge.hpp"

#include <chrono>
#include <exception>

#include "common/log.hpp"
#include "upstream/limits.hpp"
#include "upstream/pg/receiver_store.hpp"

namespace shubbak::upstream::app {

AnswerPurge::AnswerPurge(std::string conninfo) : conninfo_(std::move(conninfo)), thread_([this] { run(); }) {}

AnswerPurge::~AnswerPurge() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void AnswerPurge::run() {
  pg::ReceiverStore store(conninfo_);
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    try {
      int n = store.purge_answers(limits::kAnswerRetentionDays);
      if (n > 0) log::info("deleted " + std::to_string(n) + " idempotency answers older than " +
                           std::to_string(limits::kAnswerRetentionDays) + " days");
    } catch (const std::exception& e) {
      log::warn(std::string("old idempotency answers not deleted this time: ") + e.what());
    }
    lock.lock();
    cv_.wait_for(lock, std::chrono::seconds(limits::kAnswerPurgeSeconds), [this] { return stopping_; });
  }
}

}  // namespace shubbak::upstream::app
