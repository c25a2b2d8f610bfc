// The dashboard's aggregates counted beside the requests (upstream/pg/aggregate.hpp): every receiver runs this, one
// of them at a time is the aggregator (the others try again every limits::kAggregateSeconds, so one takes over
// within seconds when the aggregator stops). A burst is caught up step after step without waiting.
#pragma once
#include <memory>
#include <string>

#include "upstream/app/periodic.hpp"
#include "upstream/pg/aggregate.hpp"

namespace shubbak::upstream::app {

class AggregateLoop {
 public:
  AggregateLoop(std::string conninfo, std::optional<pg::CentreWindow> window);

 private:
  bool step();
  std::string conninfo_;
  std::optional<pg::CentreWindow> window_;
  std::unique_ptr<pg::Connection> conn_;
  std::unique_ptr<pg::Aggregator> aggregator_;
  bool failing_ = false;  // the last step failed (logged once until one succeeds)
  Periodic periodic_;     // last: its thread starts once the rest is ready, and stops first
};

}  // namespace shubbak::upstream::app
