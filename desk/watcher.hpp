// The desk's one background thread: polls the store's data_version on its own connection (every
// tuning.data_version_poll_ms) and wakes the parked live requests when another process wrote; runs the sessions'
// idle rule every few seconds.
#pragma once
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace shubbak::desk {

class Watcher {
 public:
  Watcher(std::string data_dir, int poll_ms, int tick_seconds, std::function<void()> on_change,
          std::function<void()> on_tick);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;
  void stop();

 private:
  void run();
  std::string data_dir_;
  int poll_ms_, tick_seconds_;
  std::function<void()> on_change_, on_tick_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace shubbak::desk
