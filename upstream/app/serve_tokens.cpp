#include "upstream/app/serve_tokens.hpp"

#include "upstream/limits.hpp"

namespace shubbak::upstream::app {

std::optional<pg::TokenOwner> TokenCache::owner(const std::string& token, const Lookup& lookup) {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(token);
    if (it != entries_.end() && it->second.until > now) return it->second.who;
  }
  std::optional<pg::TokenOwner> who = lookup(token);
  if (!who) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.size() >= kMaxEntries) {
    for (auto it = entries_.begin(); it != entries_.end();) it = it->second.until <= now ? entries_.erase(it) : ++it;
    if (entries_.size() >= kMaxEntries) entries_.clear();
  }
  entries_[token] = {*who, now + std::chrono::seconds(limits::kTokenCacheSeconds)};
  return who;
}

}  // namespace shubbak::upstream::app
