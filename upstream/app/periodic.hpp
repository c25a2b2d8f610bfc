// A thread beside a receiver's requests: calls `work` at start and then every `every` until destroyed (at once, not
// after its wait). `work` returns true to be called again at once (it has more to do now); it must not throw.
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace shubbak::upstream::app {

class Periodic {
 public:
  Periodic(std::chrono::milliseconds every, std::function<bool()> work);
  ~Periodic();
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

 private:
  void run();
  std::chrono::milliseconds every_;
  std::function<bool()> work_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the rest is ready
};

}  // namespace shubbak::upstream::app
