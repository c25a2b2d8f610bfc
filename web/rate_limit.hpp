// Sign-in attempts per peer address in a sliding minute: beyond the limit a server answers 429 without checking the
// PIN or password (a browser cannot try them quickly, whichever account it aims at).
#pragma once
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "common/clock.hpp"

namespace shubbak::web {

class RateLimit {
 public:
  RateLimit(int per_minute, size_t max_peers) : per_minute_(per_minute), max_peers_(max_peers) {}
  // Counts an attempt; false (not counted) when the peer is over its limit.
  bool allow(const std::string& peer, TimePoint now);

 private:
  std::mutex mu_;
  std::map<std::string, std::deque<TimePoint>> attempts_;
  int per_minute_;
  size_t max_peers_;
};

}  // namespace shubbak::web
