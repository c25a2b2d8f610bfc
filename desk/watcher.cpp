#include "desk/watcher.hpp"

#include <chrono>

#include "common/log.hpp"
#include "store/data_dir.hpp"

namespace shubbak::desk {

Watcher::Watcher(std::string data_dir, int poll_ms, int tick_seconds, std::function<void()> on_change,
                 std::function<void()> on_tick)
    : data_dir_(std::move(data_dir)), poll_ms_(poll_ms), tick_seconds_(tick_seconds),
      on_change_(std::move(on_change)), on_tick_(std::move(on_tick)), thread_([this] { run(); }) {}

Watcher::~Watcher() { stop(); }

void Watcher::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Watcher::run() {
  using Clock = std::chrono::steady_clock;
  auto next_tick = Clock::now() + std::chrono::seconds(tick_seconds_);
  int64_t seen = -1;
  bool failing = false;  // said once per outage, not at every poll
  std::optional<store::Database> db;
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, std::chrono::milliseconds(poll_ms_), [this] { return stopping_; })) {
    lock.unlock();
    try {
      if (!db) db.emplace(store::open_store(data_dir_));
      int64_t v = db->data_version();
      if (failing) log::info("desk: the live watcher reads the store again");
      failing = false;
      if (v != seen) {
        seen = v;
        on_change_();
      }
    } catch (const store::StoreError& e) {
      if (!failing)
        log::error(std::string("desk: the live watcher cannot read the store (") + store::fault_name(e.fault) +
                   "); trying again");
      failing = true;
      db.reset();
    }
    // The idle rule and the tick's other work go on whether or not the store answers (it is what tries it again).
    if (Clock::now() >= next_tick) {
      next_tick = Clock::now() + std::chrono::seconds(tick_seconds_);
      on_tick_();
    }
    lock.lock();
  }
}

}  // namespace shubbak::desk
