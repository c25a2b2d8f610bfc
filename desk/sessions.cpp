#include "desk/sessions.hpp"

#include "desk/desk_limits.hpp"
#include "desk/tokens.hpp"

namespace shubbak::desk {

std::shared_ptr<DeskSession> Sessions::find(const std::string& id, TimePoint now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return nullptr;
  if (now >= it->second->expires) {
    by_id_.erase(it);
    return nullptr;
  }
  return it->second;
}

std::string Sessions::add(std::shared_ptr<DeskSession> s, TimePoint now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (by_id_.size() >= max_) forget_expired(now);
  if (by_id_.size() >= max_) return "";
  std::string id = random_token();
  by_id_.emplace(id, std::move(s));
  return id;
}

void Sessions::remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  by_id_.erase(id);
}

void Sessions::end_idle(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  const TimePoint expires = it->second->expires;
  by_id_.erase(it);
  while (idle_ended_.size() >= limits::kMaxIdleEndsRemembered) {
    auto oldest = idle_ended_.begin();
    for (auto e = idle_ended_.begin(); e != idle_ended_.end(); ++e)
      if (e->second < oldest->second) oldest = e;
    idle_ended_.erase(oldest);
  }
  idle_ended_.emplace(id, expires);
}

bool Sessions::take_idle_end(const std::string& id, TimePoint now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = idle_ended_.find(id);
  if (it == idle_ended_.end()) return false;
  const bool before_expiry = now < it->second;
  idle_ended_.erase(it);
  return before_expiry;
}

std::vector<std::pair<std::string, std::shared_ptr<DeskSession>>> Sessions::all(TimePoint now) {
  std::lock_guard<std::mutex> lock(mu_);
  forget_expired(now);
  return {by_id_.begin(), by_id_.end()};
}

size_t Sessions::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return by_id_.size();
}

void Sessions::forget_expired(TimePoint now) {
  for (auto it = idle_ended_.begin(); it != idle_ended_.end();)
    it = now >= it->second ? idle_ended_.erase(it) : std::next(it);
  for (auto it = by_id_.begin(); it != by_id_.end();) it = now >= it->second->expires ? by_id_.erase(it) : std::next(it);
}

}  // namespace shubbak::desk
