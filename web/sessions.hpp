// The signed-in browsers of a web server (desk, dashboard), by session id: bounded in number, each ending at its
// expiry or when signed out (by the person or by an idle rule). The map's lock is held only to find, add or remove.
// S is the server's own session type; it has a `const TimePoint expires` (its absolute end).
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "web/tokens.hpp"

namespace shubbak::web {

inline constexpr size_t kDefaultIdleEndsRemembered = 256;

template <class S>
class Sessions {
 public:
  explicit Sessions(size_t max_sessions, size_t max_idle_ends_remembered = kDefaultIdleEndsRemembered)
      : max_(max_sessions), max_idle_ends_(max_idle_ends_remembered) {}
  // The session, or nullptr if unknown or past its expiry (then forgotten).
  std::shared_ptr<S> find(const std::string& id, TimePoint now) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return nullptr;
    if (now >= it->second->expires) {
      by_id_.erase(it);
      return nullptr;
    }
    return it->second;
  }
  // A new random id for it; "" when the map is full even after forgetting the expired ones.
  std::string add(std::shared_ptr<S> s, TimePoint now) {
    std::lock_guard<std::mutex> lock(mu_);
    if (by_id_.size() >= max_) forget_expired(now);
    if (by_id_.size() >= max_) return "";
    std::string id = random_token();
    by_id_.emplace(id, std::move(s));
    return id;
  }
  void remove(const std::string& id) {
    std::lock_guard<std::mutex> lock(mu_);
    by_id_.erase(id);
  }
  // Forgets it as remove does, remembering that the idle rule ended it: the browser's next request is told so once
  // (the oldest are forgotten beyond max_idle_ends_remembered, and each at the session's own expiry).
  void end_idle(const std::string& id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return;
    const TimePoint expires = it->second->expires;
    by_id_.erase(it);
    while (idle_ended_.size() >= max_idle_ends_) {
      auto oldest = idle_ended_.begin();
      for (auto e = idle_ended_.begin(); e != idle_ended_.end(); ++e)
        if (e->second < oldest->second) oldest = e;
      idle_ended_.erase(oldest);
    }
    idle_ended_.emplace(id, expires);
  }
  // True once for a session end_idle forgot (then forgotten).
  bool take_idle_end(const std::string& id, TimePoint now) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = idle_ended_.find(id);
    if (it == idle_ended_.end()) return false;
    const bool before_expiry = now < it->second;
    idle_ended_.erase(it);
    return before_expiry;
  }
  // Every session with its id (for an idle rule), expired ones forgotten first.
  std::vector<std::pair<std::string, std::shared_ptr<S>>> all(TimePoint now) {
    std::lock_guard<std::mutex> lock(mu_);
    forget_expired(now);
    return {by_id_.begin(), by_id_.end()};
  }
  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return by_id_.size();
  }

 private:
  void forget_expired(TimePoint now) {  // with mu_ held
    for (auto it = idle_ended_.begin(); it != idle_ended_.end();)
      it = now >= it->second ? idle_ended_.erase(it) : std::next(it);
    for (auto it = by_id_.begin(); it != by_id_.end();)
      it = now >= it->second->expires ? by_id_.erase(it) : std::next(it);
  }
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<S>> by_id_;
  std::map<std::string, TimePoint> idle_ended_;  // id -> the session's expiry
  size_t max_, max_idle_ends_;
};

}  // namespace shubbak::web
