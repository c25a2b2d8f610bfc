// The desk's signed-in browsers (web/sessions.hpp), bounded in number, each ending at its expiry, when signed out,
// or by the counter flow's idle rule.
#pragma once
#include "desk/desk_limits.hpp"
#include "desk/desk_session.hpp"
#include "web/sessions.hpp"

namespace shubbak::desk {

class Sessions : public web::Sessions<DeskSession> {
 public:
  explicit Sessions(size_t max_sessions) : web::Sessions<DeskSession>(max_sessions, limits::kMaxIdleEndsRemembered) {}
};

}  // namespace shubbak::desk
