#include "upstream/app/aggregate_loop.hpp"

#include <exception>

#include "common/log.hpp"
#include "upstream/limits.hpp"

namespace shubbak::upstream::app {

AggregateLoop::AggregateLoop(std::string conninfo, std::optional<pg::CentreWindow> window)
    : conninfo_(std::move(conninfo)),
      window_(std::move(window)),
      periodic_(std::chrono::seconds(limits::kAggregateSeconds), [this] { return step(); }) {}

bool AggregateLoop::step() {
  try {
    if (!conn_ || !conn_->ok()) {
      aggregator_.reset();
      conn_ = std::make_unique<pg::Connection>(conninfo_);
      aggregator_ = std::make_unique<pg::Aggregator>(*conn_, window_);
    }
    bool was_leader = aggregator_->leader();
    std::optional<long long> n = aggregator_->step();
    if (!was_leader && aggregator_->leader()) log::info("this receiver counts the dashboard's aggregates");
    if (failing_) log::info("the dashboard's aggregates are counted again");
    failing_ = false;
    return n && *n > 0;  // it counted something: more may be queued (a step on an empty queue costs one lookup)
  } catch (const std::exception& e) {
    if (!failing_) log::warn(std::string("the dashboard's aggregates are behind (tried again): ") + e.what());
    failing_ = true;
    return false;
  }
}

}  // namespace shubbak::upstream::app
