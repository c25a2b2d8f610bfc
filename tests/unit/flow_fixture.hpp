// The visitor flow driven by events as the screens drive it, with a fake clock in the demo centre's zone: no
// window, no store. A suite picks the local day its clock starts on, at 09:00.
#pragma once
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/centre_settings.hpp"
#include "kiosk/core/flow.hpp"

namespace shubbak::testing {

class FlowFixture : public ::testing::Test {
 protected:
  FlowFixture(int year, int month, int day)
      : clock{from_local(year, month, day, 9, 0, cfg.settings.zone), cfg.settings.zone} {}

  void send(const Event& e) {
    Step st = flow.handle(s, e, clock.now());
    s = st.state;
    fx = st.effects;
  }
  // The effect of this type the last event gave, or null.
  template <class T>
  const T* effect() const {
    for (const auto& e : fx)
      if (auto* p = std::get_if<T>(&e)) return p;
    return nullptr;
  }
  // The prompt the last event played ("" if none).
  std::string spoken() const {
    const auto* p = effect<fx::PlayPrompt>();
    return p ? p->key : "";
  }

  CentreConfig cfg = CentreConfig::load(SHUBBAK_SOURCE_DIR "/config/demo");
  ManualClock clock;
  VisitorFlow flow{cfg.catalogue, cfg.settings, false};
  FlowState s = flow.initial(clock.now());
  std::vector<Effect> fx;
};

}  // namespace shubbak::testing
