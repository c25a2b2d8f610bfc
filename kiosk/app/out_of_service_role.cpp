#include "kiosk/app/out_of_service_role.hpp"

namespace shubbak::app {

OutOfServiceRole::OutOfServiceRole(std::string screen, std::string lang, Face face, const Clock& clock,
                                   int retry_seconds, Reopen reopen)
    : screen_(std::move(screen)), lang_(std::move(lang)), face_(std::move(face)), clock_(clock),
      retry_(retry_seconds), reopen_(std::move(reopen)), next_attempt_(clock.now() + retry_) {}

std::unique_ptr<Role> OutOfServiceRole::successor() {
  if (clock_.now() < next_attempt_) return nullptr;
  next_attempt_ = clock_.now() + retry_;
  return reopen_();
}

}  // namespace shubbak::app
