#include "web/rate_limit.hpp"

namespace shubbak::web {

bool RateLimit::allow(const std::string& peer, TimePoint now) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto window = Seconds(60);
  if (attempts_.size() >= max_peers_ && !attempts_.count(peer)) {
    // Forget peers with nothing in the window; if every peer is busy, the newcomer waits.
    for (auto it = attempts_.begin(); it != attempts_.end();)
      it = (it->second.empty() || now - it->second.back() >= window) ? attempts_.erase(it) : std::next(it);
    if (attempts_.size() >= max_peers_) return false;
  }
  auto& q = attempts_[peer];
  while (!q.empty() && now - q.front() >= window) q.pop_front();
  if (static_cast<int>(q.size()) >= per_minute_) return false;
  q.push_back(now);
  return true;
}

}  // namespace shubbak::web
