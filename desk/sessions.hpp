// The signed-in browsers, by session id: bounded in number, each ending at its expiry or when signed out (by the
// staff member or by the flow's idle rule). The map's lock is held only to find, add or remove.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "desk/desk_session.hpp"

namespace shubbak::desk {

class Sessions {
 public:
  explicit Sessions(size_t max_sessions) : max_(max_sessions) {}
  // The session, or nullptr if unknown or past its expiry (then forgotten).
  std::shared_ptr<DeskSession> find(const std::string& id, TimePoint now);
  // A new random id for it; "" when the map is full even after forgetting the expired ones.
  std::string add(std::shared_ptr<DeskSession> s, TimePoint now);
  void remove(const std::string& id);
  // Forgets it as remove does, remembering that the idle rule ended it: the browser's next request is told so once
  // (the oldest are forgotten beyond limits::kMaxIdleEndsRemembered, and each at the session's own expiry).
  void end_idle(const std::string& id);
  // True once for a session end_idle forgot (then forgotten).
  bool take_idle_end(const std::string& id, TimePoint now);
  // Every session with its id (for the idle rule), expired ones forgotten first.
  std::vector<std::pair<std::string, std::shared_ptr<DeskSession>>> all(TimePoint now);
  size_t size();

 private:
  void forget_expired(TimePoint now);  // with mu_ held
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<DeskSession>> by_id_;
  std::map<std::string, TimePoint> idle_ended_;  // id -> the session's expiry
  size_t max_;
};

}  // namespace shubbak::desk
