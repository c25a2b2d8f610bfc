// The receiver's housekeeping thread: idempotency answers older than limits::kAnswerRetentionDays deleted at start
// and then every limits::kAnswerPurgeSeconds (every receiver may do it: the DELETE is idempotent and cheap on its
// index). The database being away is logged once per attempt and tried again next time.
#pragma once
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace shubbak::upstream::app {

class AnswerPurge {
 public:
  explicit AnswerPurge(std::string conninfo);
  ~AnswerPurge();  // stops the thread (at once, not after its wait)
  AnswerPurge(const AnswerPurge&) = delete;
  AnswerPurge& operator=(const AnswerPurge&) = delete;

 private:
  void run();
  std::string conninfo_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace shubbak::upstream::app
