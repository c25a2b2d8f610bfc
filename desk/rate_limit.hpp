// Sign-in attempts per peer address in a sliding minute: beyond the limit the desk answers 429 without checking the
// PIN (a PC on the LAN cannot try PINs quickly, whichever account it aims at).
#pragma once
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "common/clock.hpp"

namespace shubbak::desk {

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

}  // namespace shubbak::desk
