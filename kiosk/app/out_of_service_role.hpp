// Shown while the data store cannot be opened: the role's own out-of-service screen (its face), no taps acted on.
// Every store_retry_seconds it tries to open the store again; the role that opens takes over.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "common/clock.hpp"
#include "kiosk/app/role.hpp"

namespace shubbak::app {

class OutOfServiceRole final : public Role {
 public:
  using Face = std::function<void(ui::Ui&)>;
  // The role back in service, or null when the store still does not open.
  using Reopen = std::function<std::unique_ptr<Role>()>;
  OutOfServiceRole(std::string screen, std::string lang, Face face, const Clock& clock, int retry_seconds,
                   Reopen reopen);
  void draw(ui::Ui& ui) override { face_(ui); }
  void act() override {}
  void touch() override {}
  int tick_ms() const override { return 1000; }
  std::string lang() const override { return lang_; }
  std::string screen_name() const override { return screen_; }
  std::unique_ptr<Role> successor() override;

 private:
  std::string screen_, lang_;
  Face face_;
  const Clock& clock_;
  Seconds retry_;
  Reopen reopen_;
  TimePoint next_attempt_;
};

}  // namespace shubbak::app
