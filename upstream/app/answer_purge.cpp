#include "upstream/app/answer_purge.hpp"

#include <exception>

#include "common/log.hpp"
#include "upstream/limits.hpp"

namespace shubbak::upstream::app {

AnswerPurge::AnswerPurge(std::string conninfo)
    : conninfo_(std::move(conninfo)),
      periodic_(std::chrono::seconds(limits::kAnswerPurgeSeconds), [this] { return purge(); }) {}

bool AnswerPurge::purge() {
  try {
    if (!store_) store_ = std::make_unique<pg::ReceiverStore>(conninfo_);
    int n = store_->purge_answers(limits::kAnswerRetentionDays);
    if (n > 0) log::info("deleted " + std::to_string(n) + " idempotency answers older than " +
                         std::to_string(limits::kAnswerRetentionDays) + " days");
  } catch (const std::exception& e) {  // never take the receiver down for its housekeeping
    log::warn(std::string("old idempotency answers not deleted this time: ") + e.what());
  }
  return false;
}

}  // namespace shubbak::upstream::app
