#include "upstream/app/answer_purge.hpp"

#include <chrono>
#include <exception>
#include <memory>

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
  std::unique_ptr<pg::ReceiverStore> store;
  try {
    store = std::make_unique<pg::ReceiverStore>(conninfo_);
  } catch (const std::exception& e) {  // never take the receiver down for its housekeeping
    log::warn(std::string("old idempotency answers will not be deleted by this receiver: ") + e.what());
    return;
  }
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    try {
      int n = store->purge_answers(limits::kAnswerRetentionDays);
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
