// The receiver's housekeeping: idempotency answers older than limits::kAnswerRetentionDays deleted at start and then
// every limits::kAnswerPurgeSeconds (every receiver may do it: the DELETE is idempotent and cheap on its index). The
// database being away is logged once per attempt and tried again next time.
#pragma once
#include <memory>
#include <string>

#include "upstream/app/periodic.hpp"
#include "upstream/pg/receiver_store.hpp"

namespace shubbak::upstream::app {

class AnswerPurge {
 public:
  explicit AnswerPurge(std::string conninfo);

 private:
  bool purge();
  std::string conninfo_;
  std::unique_ptr<pg::ReceiverStore> store_;
  Periodic periodic_;  // last: its thread starts once the rest is ready, and stops first
};

}  // namespace shubbak::upstream::app
